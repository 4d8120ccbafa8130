using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Rempart.SecLang.Tests.Crs;

namespace Rempart.Gateway.Tests.Waf.Crs;

/// <summary>
/// The go-ftw protocol against a running Rempart over sockets: each stage's request is built as go-ftw builds it
/// and written as raw bytes on a fresh TCP connection; the response is read until the server closes. The WAF's
/// log is the SecLang JSON audit log (<c>SecAuditEngine On</c>): every transaction's matched rules, with ids,
/// messages and data, keyed by the request id. Instead of go-ftw's marker requests (which exist only to cut one
/// shared error log into per-request slices) the runner finds a request's lines by that id, which the origin
/// echoes in the response (<c>X-Request-Id</c>) — so stages can run several at a time.
/// </summary>
internal sealed class GatewayFtwRunner(Uri gateway, string auditLogPath, FtwOverrides overrides, int parallelism)
{
    private const int ReadTimeoutMs = 10_000;

    private sealed record SentStage(FtwFile File, FtwTest Test, int Index, FtwOutput Output, bool Error, int Status, string Raw, string? RequestId);

    public async Task<List<FtwRunner.TestResult>> RunAsync(IEnumerable<FtwFile> files, Func<FtwTest, bool> include)
    {
        var work = files.SelectMany(f => f.Tests.Select(t => (File: f, Test: t))).Where(w => include(w.Test)).ToList();
        var results = new ConcurrentBag<FtwRunner.TestResult>();
        var sent = new ConcurrentBag<List<SentStage>>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (w, _) =>
        {
            if (overrides.IgnoreReason(w.Test) is { } reason)
            {
                results.Add(new FtwRunner.TestResult(w.File, w.Test, FtwRunner.Outcome.Skipped, reason));
                return;
            }

            var stages = new List<SentStage>();
            for (var i = 0; i < w.Test.Stages.Count; i++)
            {
                var stage = w.Test.Stages[i];
                var (error, status, raw) = await SendAsync(FtwRequestBuilder.Build(stage.Input));
                stages.Add(new SentStage(w.File, w.Test, i, overrides.OutputFor(w.Test, i) ?? stage.Output, error, status, raw, RequestId(raw)));
            }

            sent.Add(stages);
        });

        var log = await ReadAuditLogAsync(sent.SelectMany(s => s).Select(s => s.RequestId).OfType<string>().ToHashSet(StringComparer.Ordinal));
        foreach (var stages in sent)
        {
            string? failure = null;
            foreach (var stage in stages)
            {
                var lines = stage.RequestId is { } id && log.TryGetValue(id, out var found) ? found : [];
                failure = FtwRunner.Check(stage.Output, new FtwRunner.StageResponse(stage.Error, stage.Status, stage.Raw, lines, null)) is { } why ? $"stage {stage.Index}: {why} (answered {stage.Status}{(stage.RequestId is null ? ", no request id" : log.ContainsKey(stage.RequestId) ? "" : ", no audit entry")})" : null;
                if (failure is not null)
                {
                    break;
                }
            }

            var first = stages[0];
            results.Add(new FtwRunner.TestResult(first.File, first.Test, failure is null ? FtwRunner.Outcome.Passed : FtwRunner.Outcome.Failed, failure ?? ""));
        }

        return [.. results];
    }

    /// <summary>One request on a fresh connection: (transport error, status, raw response as Latin-1).</summary>
    private async Task<(bool Error, int Status, string Raw)> SendAsync(byte[] request)
    {
        using var client = new TcpClient { NoDelay = true };
        using var cts = new CancellationTokenSource(ReadTimeoutMs);
        var received = new MemoryStream();
        try
        {
            await client.ConnectAsync(gateway.Host, gateway.Port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(request, cts.Token);
            var buffer = new byte[16 * 1024];
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            if (received.Length == 0)
            {
                return (true, 0, "");
            }
        }

        var raw = Encoding.Latin1.GetString(received.GetBuffer(), 0, (int)received.Length);
        if (!raw.StartsWith("HTTP/", StringComparison.Ordinal) || raw.Length < 12 || !int.TryParse(raw.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return (true, 0, raw);
        }

        return (false, status, raw);
    }

    private static string? RequestId(string raw)
    {
        var headEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        foreach (var line in (headEnd < 0 ? raw : raw[..headEnd]).Split("\r\n"))
        {
            if (line.StartsWith("X-Request-Id:", StringComparison.OrdinalIgnoreCase))
            {
                return line["X-Request-Id:".Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// The audit log as error-log lines per request id, once every expected id is in it (the writer is off the
    /// request path) or the file stopped growing for two seconds (requests refused before the WAF have no entry).
    /// </summary>
    private async Task<Dictionary<string, List<string>>> ReadAuditLogAsync(HashSet<string> expected)
    {
        var lines = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        long lastLength = -1;
        var stable = 0;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var length = File.Exists(auditLogPath) ? new FileInfo(auditLogPath).Length : 0;
            if (length > 0 && length != lastLength)
            {
                lines = Parse(auditLogPath);
                stable = 0;
            }
            else
            {
                stable++;
            }

            lastLength = length;
            if (expected.All(lines.ContainsKey) || stable >= 20)
            {
                break;
            }

            await Task.Delay(100);
        }

        return lines;
    }

    private static Dictionary<string, List<string>> Parse(string path)
    {
        var byId = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (reader.ReadLine() is { } json)
        {
            if (json.Length == 0)
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                continue; // a line still being written
            }

            using (doc)
            {
                var transaction = doc.RootElement.GetProperty("transaction");
                var id = transaction.GetProperty("unique_id").GetString()!;
                var list = new List<string>();
                if (transaction.TryGetProperty("messages", out var messages))
                {
                    foreach (var message in messages.EnumerateArray())
                    {
                        list.Add(ErrorLogLine(message));
                    }
                }

                byId[id] = list;
            }
        }

        return byId;
    }

    /// <summary>An audit message rewritten as ModSecurity's error-log line, which go-ftw's checks are written against.</summary>
    private static string ErrorLogLine(JsonElement message)
    {
        var details = message.GetProperty("details");
        var sb = new StringBuilder("ModSecurity: Warning. ");
        sb.Append(Escape(details.GetProperty("match").GetString(), quotes: false)).Append(' ');
        Field(sb, "file", details.GetProperty("file").GetString());
        Field(sb, "line", details.GetProperty("lineNumber").GetString());
        Field(sb, "id", details.GetProperty("ruleId").GetString());
        Field(sb, "msg", message.GetProperty("message").GetString());
        Field(sb, "data", details.GetProperty("data").GetString());
        Field(sb, "severity", details.GetProperty("severity").GetString());
        Field(sb, "ver", details.GetProperty("ver").GetString());
        foreach (var tag in details.GetProperty("tags").EnumerateArray())
        {
            Field(sb, "tag", tag.GetString());
        }

        return sb.ToString().TrimEnd();
    }

    private static void Field(StringBuilder sb, string name, string? value) => sb.Append('[').Append(name).Append(" \"").Append(Escape(value, quotes: true)).Append("\"] ");

    /// <summary>ModSecurity's error-log escaping: quotes, and bytes outside printable ASCII as \xNN (the audit log holds them as UTF-8 text).</summary>
    private static string Escape(string? value, bool quotes)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value ?? ""))
        {
            if (b == '"' && quotes)
            {
                sb.Append("\\\"");
            }
            else if (b is < 0x20 or >= 0x7f)
            {
                sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }
}
