using System.Text;
using Rempart.Detection.Sql;

namespace Rempart.Detection.Tests.Sql;

public sealed class SqlInjectionDetectorTests
{
    [Theory]
    [InlineData("1' OR '1'='1")]
    [InlineData("1' or 1=1 --")]
    [InlineData("admin'--")]
    [InlineData("admin' #")]
    [InlineData("' OR 'x'='x")]
    [InlineData("x' AND SLEEP(5) AND 'a'='a")]
    [InlineData("1 UNION SELECT username, password FROM users")]
    [InlineData("-1 union all select 1,2,3,version()--")]
    [InlineData("1' UNION SELECT NULL,NULL--")]
    [InlineData("1/**/UNION/**/SELECT/**/1")]
    [InlineData("1 /*!50000UNION*/ /*!50000SELECT*/ 1")]
    [InlineData("1; DROP TABLE users")]
    [InlineData("1'; EXEC xp_cmdshell 'dir'--")]
    [InlineData("1; WAITFOR DELAY '0:0:5'--")]
    [InlineData("1 AND (SELECT 1 FROM (SELECT SLEEP(5))x)")]
    [InlineData("1 AND 1=1")]
    [InlineData("1) OR (1=1")]
    [InlineData("1 ORDER BY 3--")]
    [InlineData("x' AND EXTRACTVALUE(1, CONCAT(0x5c, VERSION()))-- -")]
    [InlineData("1 OR BENCHMARK(1000000,MD5(1))")]
    [InlineData("(SELECT password FROM users LIMIT 1)")]
    [InlineData("SELECT * FROM users")]
    [InlineData("sleep(20)")]
    [InlineData("1\" OR \"1\"=\"1")]
    [InlineData("' || pg_sleep(5) || '")]
    [InlineData("1' AND '1'='1")]
    [InlineData("1 /* /* */ */ 2")]
    public void Detect_ClassicInjection_IsFlagged(string input)
    {
        var result = SqlInjectionDetector.Detect(input);

        Assert.True(result.IsInjection, $"'{input}' was not flagged.");
        Assert.False(string.IsNullOrEmpty(result.Fingerprint));
    }

    [Theory]
    [InlineData("O'Reilly")]
    [InlineData("Tim O'Reilly's book")]
    [InlineData("It's a nice day, isn't it?")]
    [InlineData("rock 'n' roll")]
    [InlineData("john.doe@example.com")]
    [InlineData("john+or@var.es")]
    [InlineData("12345")]
    [InlineData("3.14159")]
    [InlineData("-42")]
    [InlineData("2024-01-31")]
    [InlineData("Hello world")]
    [InlineData("Salt and pepper")]
    [InlineData("Select your size from the list")]
    [InlineData("union was a great select")]
    [InlineData("Terms & Conditions")]
    [InlineData("5 OR 6 items")]
    [InlineData("1 AND A HALF")]
    [InlineData("\"foo\" AND \"bar\"")]
    [InlineData("\"LIKE\" stamp")]
    [InlineData("select 'and'")]
    [InlineData("C# is fun; so is F#")]
    [InlineData("#2 pencil")]
    [InlineData("https://example.com/search?q=shoes&size=42&page=2")]
    [InlineData("The price is $12.50 (tax included)")]
    [InlineData("foo 'bar' \"zap\"")]
    [InlineData("Redistribution and use in source and binary forms")]
    [InlineData("Left (WA, RR), following the wood edge south for half a mile")]
    [InlineData("3. Select settings, then select \"Add or remove\"")]
    [InlineData("NODE_OPTIONS='--inspect=localhost:4444' node")]
    [InlineData("console.log('done');")]
    [InlineData("if (retries < 2) { wait(); }")]
    [InlineData("allocated and freed. This is to catch callers")]
    [InlineData("cards @ home")]
    public void Detect_BenignText_IsClean(string input)
    {
        var result = SqlInjectionDetector.Detect(input);

        Assert.False(result.IsInjection, $"'{input}' was flagged as {result.Fingerprint}.");
        Assert.Null(result.Fingerprint);
    }

    [Theory]
    [InlineData("1 OR 2")]
    [InlineData("foo--")]
    public void Detect_AmbiguousShape_OnlyHighSensitivityFlags(string input)
    {
        Assert.False(SqlInjectionDetector.Detect(input, SqlSensitivity.Low).IsInjection);
        Assert.True(SqlInjectionDetector.Detect(input, SqlSensitivity.High).IsInjection);
    }

    [Fact]
    public void Detect_Classic_ReportsFoldedFingerprint()
    {
        Assert.Equal("s&sos", SqlInjectionDetector.Detect("1' OR '1'='1").Fingerprint);
        Assert.Equal("1UE1,", SqlInjectionDetector.Detect("-9 union select 1,2,3").Fingerprint);
        Assert.Equal("sc", SqlInjectionDetector.Detect("admin'--").Fingerprint);
    }

    [Fact]
    public void Detect_EmptyInput_IsClean()
    {
        Assert.Equal(SqlInjectionResult.Clean, SqlInjectionDetector.Detect(ReadOnlySpan<char>.Empty));
    }

    [Theory]
    [InlineData("\0\0\0")]
    [InlineData("\ud800' OR 1=1 \udfff")]
    [InlineData("'\0' OR '\0'='\0")]
    [InlineData("/*!")]
    [InlineData("/*! */ */ /*")]
    [InlineData("$$")]
    [InlineData("$a$ unterminated")]
    [InlineData("@'")]
    [InlineData("0x")]
    [InlineData("1e")]
    [InlineData("[[[[")]
    [InlineData("`")]
    [InlineData("\\")]
    [InlineData("N'")]
    [InlineData("U&'")]
    [InlineData("'''''''")]
    public void Detect_MalformedInput_NeverThrows(string input)
    {
        var low = SqlInjectionDetector.Detect(input);
        var high = SqlInjectionDetector.Detect(input, SqlSensitivity.High);

        Assert.True(low.IsInjection == (low.Fingerprint is not null));
        Assert.True(high.IsInjection == (high.Fingerprint is not null));
    }

    [Fact]
    public void Detect_EveryCharacterValue_NeverThrows()
    {
        // Every UTF-16 code unit, alone and around the characters SQL cares about.
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            SqlInjectionDetector.Detect([ch]);
            SqlInjectionDetector.Detect(['1', '\'', ch, ' ', 'O', 'R', ' ', '1']);
        }
    }

    [Theory]
    [InlineData("[", 200_000)]
    [InlineData("'", 200_000)]
    [InlineData("1+", 200_000)]
    [InlineData("/*", 200_000)]
    [InlineData("((", 200_000)]
    [InlineData("@", 200_000)]
    [InlineData("$a$", 100_000)]
    [InlineData("a.", 200_000)]
    [InlineData("NOT ", 100_000)]
    public void Detect_PathologicalRepetition_Completes(string unit, int count)
    {
        // Quadratic behaviour would take minutes here; linear work takes milliseconds.
        var input = new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

        SqlInjectionDetector.Detect(input, SqlSensitivity.High);
    }

    [Fact]
    public void Detect_AttackPastLongPadding_IsFlagged()
    {
        // Padding an attack past a small inspection window is a known bypass.
        var input = new string('A', 70_000) + "' UNION SELECT username || ':' || password FROM users";

        Assert.True(SqlInjectionDetector.Detect(input).IsInjection);
    }

    [Fact]
    public void Detect_InputBeyondLimit_OnlyLimitIsExamined()
    {
        var input = new string('A', SqlInjectionDetector.MaxInputLength) + "' UNION SELECT 1--";

        Assert.False(SqlInjectionDetector.Detect(input).IsInjection);
    }

    [Fact]
    public void Detect_ConcurrentCalls_AgreeWithSequentialOnes()
    {
        string[] inputs = ["1' OR '1'='1", "O'Reilly", "1 UNION SELECT 1", "hello", "admin'--", "select 'and'"];
        var expected = inputs.Select(i => SqlInjectionDetector.Detect(i)).ToArray();

        Parallel.For(0, 2000, n =>
        {
            var i = n % inputs.Length;
            Assert.Equal(expected[i], SqlInjectionDetector.Detect(inputs[i]));
        });
    }

    [Fact]
    public void Build_LowAndHighSets_HighContainsLow()
    {
        var low = SqlShapeGrammar.Build(SqlSensitivity.Low);
        var high = SqlShapeGrammar.Build(SqlSensitivity.High);

        Assert.True(low.Count > 0);
        Assert.Superset(low.Keys.ToHashSet(), high.Keys.ToHashSet());
    }

    [Fact]
    public void Shapes_EveryRule_HasContextPatternAndReason()
    {
        foreach (var shape in SqlShapeGrammar.Shapes)
        {
            Assert.Matches("^[qcn]+$", shape.Contexts);
            Assert.Matches("[*+$~]$", shape.Pattern);
            Assert.False(string.IsNullOrWhiteSpace(shape.Why));
            Assert.True(SqlShapeGrammar.Build([shape]).Count > 0, $"Shape '{shape.Pattern}' generates nothing.");
        }
    }
}
