using Rempart.Detection.Tests.TestData;

namespace Rempart.Detection.Tests.Corpus;

/// <summary>
/// Detection rates on the libinjection sample corpora (shared/testdata/libinjection, read in place).
/// The targets are ours, not upstream's: at least 97 % of SQLi and of XSS samples detected, at most
/// 1 % of the known SQLi false positives flagged. Per-file figures are printed for the design note.
/// </summary>
public sealed class LibinjectionCorpusTests(ITestOutputHelper output)
{
    private const double DetectionTarget = 97.0;
    private const double FalsePositiveTarget = 1.0;

    [TestDataFact(LibinjectionCorpus.Folder)]
    public void SqlInjection_AttackCorpora_DetectsAtLeast97Percent()
    {
        var tally = new DetectionTally(output, "SQLi corpora, sensitivity Low", "detected");
        foreach (var file in LibinjectionCorpus.Files("sqli-"))
        {
            tally.Add(file, LibinjectionCorpus.Samples(file), sample => SqlInjectionDetector.Detect(sample).IsInjection);
        }

        tally.Print("Missed");
        Assert.True(tally.Rate >= DetectionTarget, $"SQLi detection {tally.Rate:F2} % is below {DetectionTarget} %.");
    }

    [TestDataFact(LibinjectionCorpus.Folder)]
    public void SqlInjection_AttackCorpora_HighSensitivityDetectsAtLeastAsMuch()
    {
        var low = new DetectionTally(output, "SQLi corpora, sensitivity Low", "detected");
        var high = new DetectionTally(output, "SQLi corpora, sensitivity High", "detected");
        foreach (var file in LibinjectionCorpus.Files("sqli-"))
        {
            var samples = LibinjectionCorpus.Samples(file).ToList();
            low.Add(file, samples, sample => SqlInjectionDetector.Detect(sample, SqlSensitivity.Low).IsInjection);
            high.Add(file, samples, sample => SqlInjectionDetector.Detect(sample, SqlSensitivity.High).IsInjection);
        }

        high.Print("Missed at High");
        Assert.True(high.Hits >= low.Hits, $"High detected {high.Hits}, fewer than Low's {low.Hits}.");
    }

    [TestDataFact(LibinjectionCorpus.Folder)]
    public void SqlInjection_FalsePositiveCorpus_FlagsAtMostOnePercent()
    {
        var file = Path.Combine(LibinjectionCorpus.DataDirectory, "false_positives.txt");
        var low = new DetectionTally(output, "SQLi false positives, sensitivity Low", "flagged");
        low.Add(file, LibinjectionCorpus.Samples(file), sample => SqlInjectionDetector.Detect(sample).IsInjection, examplesAreHits: true);
        low.Print("Flagged");

        // High trades false positives for detection: printed for the design note, not asserted.
        var high = new DetectionTally(output, "SQLi false positives, sensitivity High", "flagged");
        high.Add(file, LibinjectionCorpus.Samples(file), sample => SqlInjectionDetector.Detect(sample, SqlSensitivity.High).IsInjection, examplesAreHits: true);
        high.Print("Flagged at High");

        Assert.True(low.Rate <= FalsePositiveTarget, $"{low.Rate:F2} % of the false-positive corpus is flagged, above {FalsePositiveTarget} %.");
    }

    [TestDataFact(LibinjectionCorpus.Folder)]
    public void Xss_AttackCorpora_DetectsAtLeast97Percent()
    {
        var tally = new DetectionTally(output, "XSS corpora", "detected");
        foreach (var file in LibinjectionCorpus.Files("xss-"))
        {
            tally.Add(file, LibinjectionCorpus.Samples(file), sample => XssDetector.Detect(sample).IsXss);
        }

        tally.Print("Missed");

        // Not part of upstream's run (an open issue); printed for information only.
        var pending = new DetectionTally(output, "XSS, open upstream issue (informational)", "detected");
        foreach (var file in LibinjectionCorpus.Files("tbd-xss-"))
        {
            pending.Add(file, LibinjectionCorpus.Samples(file), sample => XssDetector.Detect(sample).IsXss);
        }

        pending.Print("Missed");
        Assert.True(tally.Rate >= DetectionTarget, $"XSS detection {tally.Rate:F2} % is below {DetectionTarget} %.");
    }

    [TestDataFact(LibinjectionCorpus.Folder)]
    public void Xss_FalsePositiveCorpus_FlagsAtMostOnePercent()
    {
        // The file holds inputs that once fooled a SQLi detector; they are ordinary text for XSS too.
        var file = Path.Combine(LibinjectionCorpus.DataDirectory, "false_positives.txt");
        var tally = new DetectionTally(output, "XSS on the false-positive corpus", "flagged");
        tally.Add(file, LibinjectionCorpus.Samples(file), sample => XssDetector.Detect(sample).IsXss, examplesAreHits: true);
        tally.Print("Flagged");
        Assert.True(tally.Rate <= FalsePositiveTarget, $"{tally.Rate:F2} % flagged as XSS, above {FalsePositiveTarget} %.");
    }
}
