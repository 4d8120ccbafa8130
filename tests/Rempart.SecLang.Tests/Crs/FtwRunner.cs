using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Text;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>
/// Runs go-ftw tests in process: builds each stage's raw request as go-ftw would, passes it through an
/// Apache-like front end (<see cref="RawHttpRequest"/>), drives the transaction phases with the albedo backend's
/// answer, and checks the stage output against the transaction's log lines (one per match, ModSecurity format)
/// instead of markers in a log file.
/// </summary>
internal sealed partial class FtwRunner(RuleSet rules, FtwOverrides overrides)
{
    public enum Outcome
    {
        Passed,
        Failed,
        Skipped,
    }

    public sealed record TestResult(FtwFile File, FtwTest Test, Outcome Outcome, string Detail);

    public List<TestResult> Run(IEnumerable<FtwFile> files, Regex? include = null)
    {
        var work = files.SelectMany(f => f.Tests.Select(t => (File: f, Test: t))).Where(w => include is null || include.IsMatch(w.Test.Name)).ToList();
        var results = new ConcurrentBag<TestResult>();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, w => results.Add(RunTest(w.File, w.Test)));
        return [.. results];
    }

    public TestResult RunTest(FtwFile file, FtwTest test)
    {
        if (overrides.IgnoreReason(test) is { } reason)
        {
            return new TestResult(file, test, Outcome.Skipped, reason);
        }

        for (var i = 0; i < test.Stages.Count; i++)
        {
            var stage = test.Stages[i];
            var output = overrides.OutputFor(test, i) ?? stage.Output;
            string? failure;
            try
            {
                failure = Check(output, Send(stage.Input));
            }
            catch (Exception e)
            {
                failure = "exception: " + e;
            }

            if (failure is not null)
            {
                return new TestResult(file, test, Outcome.Failed, $"stage {i}: {failure}");
            }
        }

        return new TestResult(file, test, Outcome.Passed, "");
    }

    public sealed record StageResponse(bool Error, int Status, string RawResponse, List<string> Log, Transaction? Transaction);

    public StageResponse Send(FtwInput input)
    {
        var raw = FtwRequestBuilder.Build(input);
        var request = RawHttpRequest.Parse(raw);
        if (request.Rejected != 0)
        {
            return new StageResponse(request.Rejected < 0, 400, "HTTP/1.1 400 Bad Request\r\n\r\n", [], null);
        }

        var tx = rules.NewTransaction();
        tx.ProcessConnection("127.0.0.1", 40000, "127.0.0.1", 80);
        tx.ProcessUri(request.Uri, request.Method, request.Protocol);
        foreach (var header in request.Headers)
        {
            tx.AddRequestHeader(header.Key, header.Value);
        }

        var interruption = tx.ProcessRequestHeaders() ?? tx.AppendRequestBody(request.Body) ?? tx.ProcessRequestBody();
        int status;
        var response = new StringBuilder();
        if (interruption is not null)
        {
            status = interruption.Status;
            response.Append("HTTP/1.1 ").Append(status).Append("\r\n\r\n");
        }
        else
        {
            var (backendStatus, headers, body) = AlbedoBackend.Answer(request);
            status = backendStatus;
            foreach (var header in headers)
            {
                tx.AddResponseHeader(header.Key, header.Value);
            }

            interruption = tx.ProcessResponseHeaders(status, "HTTP/1.1");
            if (interruption is null)
            {
                tx.AppendResponseBody(body);
                interruption = tx.ProcessResponseBody();
            }

            status = interruption?.Status ?? status;
            response.Append("HTTP/1.1 ").Append(status).Append("\r\n");
            foreach (var header in headers)
            {
                response.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            }

            response.Append("\r\n").Append(interruption is null ? Latin1.FromBytes(body) : "");
        }

        tx.ProcessLogging();
        return new StageResponse(false, status, response.ToString(), tx.LogLines().ToList(), tx);
    }

    /// <summary>go-ftw's checks in its order; null when the stage passes, else why it failed.</summary>
    public static string? Check(FtwOutput output, StageResponse response)
    {
        if (output.ExpectError)
        {
            return response.Error ? null : "expected a transport error";
        }

        if (output.Status is { } status && status != response.Status)
        {
            return $"status {response.Status}, expected {status}";
        }

        if (output.ResponseContains is { } contains && !Regex.IsMatch(response.RawResponse, contains))
        {
            return $"response does not contain /{contains}/";
        }

        var ids = response.Log.SelectMany(l => IdPattern().Matches(l).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
        var missing = output.ExpectIds.Where(id => !ids.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            return $"expected ids [{string.Join(',', missing)}] not logged; logged [{string.Join(',', ids.Order())}]";
        }

        var unexpected = output.NoExpectIds.Where(ids.Contains).ToList();
        if (unexpected.Count > 0)
        {
            return $"ids [{string.Join(',', unexpected)}] logged but must not be; logged [{string.Join(',', ids.Order())}]";
        }

        if (output.MatchRegex is { } match && !response.Log.Any(l => Regex.IsMatch(l, match)))
        {
            return $"no log line matches /{match}/; logged [{string.Join(',', ids.Order())}]";
        }

        if (output.NoMatchRegex is { } noMatch && response.Log.FirstOrDefault(l => Regex.IsMatch(l, noMatch)) is { } line)
        {
            return $"a log line matches /{noMatch}/: {line[..Math.Min(line.Length, 300)]}";
        }

        if (output.Isolated && output.ExpectIds.Count == 1 && ids.Count != 1)
        {
            return $"isolated: logged [{string.Join(',', ids.Order())}]";
        }

        return null;
    }

    [GeneratedRegex("""\[id "(\d+)"\]""")]
    private static partial Regex IdPattern();
}
