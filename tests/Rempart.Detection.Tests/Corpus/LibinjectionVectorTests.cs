using Rempart.Detection.Tests.TestData;

namespace Rempart.Detection.Tests.Corpus;

/// <summary>
/// The libinjection SQLi verdict vectors (tests/test-sqli-*.txt): each says whether its input is
/// SQLi. Our fingerprints are our own, so only the verdict is compared, not the fingerprint text;
/// the agreement is printed and held as a floor against regressions.
/// </summary>
public sealed class LibinjectionVectorTests(ITestOutputHelper output)
{
    [TestDataFact(LibinjectionCorpus.Folder)]
    public void Detect_LibinjectionSqliVectors_MostVerdictsAgree()
    {
        var files = Directory.GetFiles(LibinjectionCorpus.TestsDirectory, "test-sqli-*.txt").OrderBy(f => f, StringComparer.Ordinal).ToList();
        var agreed = 0;
        foreach (var file in files)
        {
            var (input, expected) = LibinjectionCorpus.ReadVector(file);
            var expectedInjection = expected.Length > 0;
            var result = SqlInjectionDetector.Detect(input);
            if (result.IsInjection == expectedInjection)
            {
                agreed++;
            }
            else
            {
                output.WriteLine($"{Path.GetFileName(file)}: '{input}' expected {(expectedInjection ? "SQLi (" + expected + ")" : "clean")}, got {(result.IsInjection ? "SQLi (" + result.Fingerprint + ")" : "clean")}");
            }
        }

        output.WriteLine($"SQLi verdict vectors: {agreed}/{files.Count} agree.");
        Assert.True(files.Count > 0);
        Assert.True(agreed >= files.Count - 8, $"Only {agreed} of {files.Count} verdicts agree.");
    }
}
