// Rempart event function: ban a client for four hours after the WAF blocked three SQL injection
// attempts from it within a minute. Config:
//
//   functions:
//     sqli-ban:
//       on: event
//       file: functions/ban-after-three-sqli.js
//       subscribe: { types: [request_blocked], labels: ["rempart:managed:sql_database:"] }
//
// Try it offline: rempart functions test sqli-ban --event blocked-sqli.json
function handler(event, context) {
  // Counters live in the gateway, not in this engine: they survive between invocations and reloads.
  var n = context.counters.increment('sqli:' + event.client_ip, '1m');
  context.log('blocked SQLi from ' + event.client_ip + ': ' + n + ' in the last minute');
  if (n >= 3) {
    context.decisions.add({
      scope: event.client_ip,
      action: 'ban',
      duration: '4h',
      reason: 'three blocked SQL injections in a minute',
    });
  }
}
