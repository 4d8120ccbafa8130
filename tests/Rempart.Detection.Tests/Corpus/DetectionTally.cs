namespace Rempart.Detection.Tests.Corpus;

/// <summary>Counts verdicts per data file and prints them as a table, with a few examples of each miss.</summary>
internal sealed class DetectionTally(ITestOutputHelper output, string title, string verdictName)
{
    private const int ExamplesPerFile = 15;

    private readonly List<(string File, int Total, int Hits, List<string> Examples)> _rows = [];

    public int Total => _rows.Sum(r => r.Total);

    public int Hits => _rows.Sum(r => r.Hits);

    public double Rate => Total == 0 ? 0 : 100.0 * Hits / Total;

    /// <summary>Counts <paramref name="samples"/> whose verdict is <paramref name="isHit"/>; keeps examples of the others.</summary>
    public void Add(string file, IEnumerable<string> samples, Func<string, bool> isHit, bool examplesAreHits = false)
    {
        var total = 0;
        var hits = 0;
        var examples = new List<string>();
        foreach (var sample in samples)
        {
            total++;
            var hit = isHit(sample);
            hits += hit ? 1 : 0;
            if (hit == examplesAreHits && examples.Count < ExamplesPerFile)
            {
                examples.Add(sample.Length > 160 ? sample[..160] + "..." : sample);
            }
        }

        _rows.Add((Path.GetFileName(file), total, hits, examples));
    }

    public void Print(string exampleLabel)
    {
        output.WriteLine($"{title}");
        output.WriteLine($"| file | samples | {verdictName} | % |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (file, total, hits, _) in _rows)
        {
            output.WriteLine($"| {file} | {total} | {hits} | {Percent(hits, total)} |");
        }

        output.WriteLine($"| **all** | {Total} | {Hits} | {Percent(Hits, Total)} |");
        output.WriteLine(string.Empty);
        foreach (var (file, _, _, examples) in _rows.Where(r => r.Examples.Count > 0))
        {
            output.WriteLine($"{exampleLabel} in {file} (first {ExamplesPerFile} at most):");
            foreach (var example in examples)
            {
                output.WriteLine("    " + example.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal));
            }
        }
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
}
