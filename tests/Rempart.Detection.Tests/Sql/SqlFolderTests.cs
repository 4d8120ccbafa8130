using Rempart.Detection.Sql;

namespace Rempart.Detection.Tests.Sql;

public sealed class SqlFolderTests
{
    /// <summary>The folded fingerprint, with '$' appended when the folded input ends within it.</summary>
    private static string Fold(string input, SqlQuoteContext context = SqlQuoteContext.None)
    {
        var tokenizer = new SqlTokenizer(input, context, mysql: false);
        Span<SqlToken> tokens = stackalloc SqlToken[SqlFolder.FingerprintLength];
        var count = SqlFolder.Fold(ref tokenizer, input, tokens, out var complete);
        var letters = new char[count];
        for (var i = 0; i < count; i++)
        {
            letters[i] = tokens[i].TypeChar;
        }

        return new string(letters) + (complete ? "$" : string.Empty);
    }

    [Theory]
    [InlineData("-1", "1$")]
    [InlineData("1+-1", "1$")]
    [InlineData("1+(-1)", "1$")]
    [InlineData("((1)) OR 1", "1)&1$")]
    [InlineData("/* c */ - ( SELECT 1", "E1$")]
    [InlineData("'a' 'b'", "s$")]
    [InlineData("UNION /* x */ ALL SELECT", "UE$")]
    [InlineData("GROUP BY a", "Bn$")]
    [InlineData("a NOT IN (1)", "no1$")]
    [InlineData("information_schema.tables", "n$")]
    [InlineData("master.sys.fn_varbintohexstr(1)", "f(1)$")]
    [InlineData("a.b(1)", "n(1)$")]
    [InlineData("'a'::text", "s$")]
    [InlineData("INT 5", "1$")]
    [InlineData("BINARY COS(1)", "f(1)$")]
    [InlineData("SELECT -@a", "Ev$")]
    [InlineData("1 AND NOT 2", "1&1$")]
    [InlineData("1;; SELECT", "1;E$")]
    [InlineData("1 --", "1c$")]
    [InlineData("1 -- x\nUNION", "1U$")]
    [InlineData("1 + foo", "n$")]
    public void Fold_Input_YieldsShape(string input, string expected)
    {
        Assert.Equal(expected, Fold(input));
    }

    [Fact]
    public void Fold_LongInput_KeepsFingerprintWidth()
    {
        Assert.Equal("1UE1,", Fold("1 UNION SELECT 1,2,3,4,5,6,7,8,9"));
    }

    [Fact]
    public void Fold_QuoteContext_KeepsApplicationString()
    {
        Assert.Equal("s&sos$", Fold("1' OR '1'='1", SqlQuoteContext.SingleQuote));
        Assert.Equal("sc$", Fold("admin'--", SqlQuoteContext.SingleQuote));
    }

    [Fact]
    public void Fold_OnlyNoise_IsEmpty()
    {
        Assert.Equal("$", Fold("- /* foo */ ( /* bar */ -"));
    }
}
