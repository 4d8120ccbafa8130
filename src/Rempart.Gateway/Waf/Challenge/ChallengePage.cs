using System.Net;

namespace Rempart.Gateway.Waf.Challenge;

/// <summary>
/// The challenge page: a short wait while the browser proves work (SHA-256 in plain JavaScript, so
/// it also runs where WebCrypto is unavailable, e.g. plain http), then the cookie is set and the
/// page reloads. Served with 202 and no-store, as AWS does for its challenge.
/// </summary>
public static class ChallengePage
{
    public static string Html(string signedSeed, int difficulty, TimeSpan immunity, string requestId) => $$$$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Checking your browser…</title>
        <style>body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;display:flex;min-height:100vh;margin:0;align-items:center;justify-content:center}main{background:#fff;border-radius:12px;padding:2rem 2.5rem;max-width:34rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}small{color:#6b7280}</style></head>
        <body><main><h1>One moment…</h1><p>Your browser is being checked. This takes a second and happens once.</p>
        <noscript><p>Please enable JavaScript to continue.</p></noscript>
        <p><small>Reference: <code>{{{{WebUtility.HtmlEncode(requestId)}}}}</code> · Rempart</small></p></main>
        <script>
        (function(){
        var seed="{{{{signedSeed}}}}",bits={{{{difficulty}}}},maxAge={{{{(long)immunity.TotalSeconds}}}};
        var K=[0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
        function sha(s){var m=[],l=s.length,i,j;for(i=0;i<l;i++)m[i>>2]|=(s.charCodeAt(i)&255)<<(24-(i%4)*8);m[l>>2]|=0x80<<(24-(l%4)*8);var n=((l+8)>>6)*16+15;m[n]=l*8;for(i=0;i<=n;i++)m[i]=m[i]|0;
        var h=[0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19],w=new Array(64);
        for(i=0;i<n;i+=16){var a=h[0],b=h[1],c=h[2],d=h[3],e=h[4],f=h[5],g=h[6],k=h[7];for(j=0;j<64;j++){if(j<16)w[j]=m[i+j];else{var x=w[j-15],y=w[j-2];w[j]=(((x>>>7|x<<25)^(x>>>18|x<<14)^(x>>>3))+w[j-7]+((y>>>17|y<<15)^(y>>>19|y<<13)^(y>>>10))+w[j-16])|0;}
        var t1=(k+((e>>>6|e<<26)^(e>>>11|e<<21)^(e>>>25|e<<7))+((e&f)^(~e&g))+K[j]+w[j])|0,t2=(((a>>>2|a<<30)^(a>>>13|a<<19)^(a>>>22|a<<10))+((a&b)^(a&c)^(b&c)))|0;k=g;g=f;f=e;e=(d+t1)|0;d=c;c=b;b=a;a=(t1+t2)|0;}
        h[0]=(h[0]+a)|0;h[1]=(h[1]+b)|0;h[2]=(h[2]+c)|0;h[3]=(h[3]+d)|0;h[4]=(h[4]+e)|0;h[5]=(h[5]+f)|0;h[6]=(h[6]+g)|0;h[7]=(h[7]+k)|0;}return h;}
        function zeros(h){var z=0;for(var i=0;i<8;i++){if(h[i]===0){z+=32;continue;}return z+Math.clz32(h[i]);}return z;}
        var nonce=0;function work(){var end=Date.now()+50;while(Date.now()<end){for(var i=0;i<500;i++,nonce++){if(zeros(sha(seed+"."+nonce))>=bits){
        document.cookie="{{{{ChallengeService.CookieName}}}}="+seed+"."+nonce+"; path=/; max-age="+maxAge+"; SameSite=Lax"+(location.protocol==="https:"?"; Secure":"");location.reload();return;}}}setTimeout(work,0);}
        work();})();
        </script></body></html>
        """;
}
