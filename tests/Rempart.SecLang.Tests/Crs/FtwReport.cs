using System.Text;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>The runners' report: passed / failed / skipped per rule file and overall, then every failure with its reason.</summary>
internal static class FtwReport
{
    public static (string Text, string Summary, double PassRate) Write(string heading, IReadOnlyCollection<FtwRunner.TestResult> results, TimeSpan elapsed)
    {
        var report = new StringBuilder();
        report.AppendLine(heading);
        foreach (var group in results.GroupBy(r => r.File.RelativePath).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.AppendLine($"{group.Key}: passed {group.Count(r => r.Outcome == FtwRunner.Outcome.Passed)}, failed {group.Count(r => r.Outcome == FtwRunner.Outcome.Failed)}, skipped {group.Count(r => r.Outcome == FtwRunner.Outcome.Skipped)}");
        }

        var passed = results.Count(r => r.Outcome == FtwRunner.Outcome.Passed);
        var failed = results.Count(r => r.Outcome == FtwRunner.Outcome.Failed);
        var skipped = results.Count(r => r.Outcome == FtwRunner.Outcome.Skipped);
        var rate = results.Count == 0 ? 0 : 100.0 * passed / results.Count;
        var summary = $"overall: {results.Count} tests, passed {passed}, failed {failed}, skipped {skipped}, pass rate {rate:F2}% in {elapsed.TotalSeconds:F1} s";
        report.AppendLine(summary).AppendLine().AppendLine("failures:");
        foreach (var failure in results.Where(r => r.Outcome == FtwRunner.Outcome.Failed).OrderBy(r => r.Test.RuleId).ThenBy(r => r.Test.TestId))
        {
            report.AppendLine($"{failure.Test.Name}: {failure.Detail}");
        }

        return (report.ToString(), summary, rate);
    }
}
