using Rempart.Detection.Sql;

namespace Rempart.Detection.Tests.Sql;

public sealed class SqlTokenizerTests
{
    /// <summary>Tokens as "type text" pairs, joined by " | ".</summary>
    private static string Tokens(string input, SqlQuoteContext context = SqlQuoteContext.None, bool mysql = false)
    {
        var tokenizer = new SqlTokenizer(input, context, mysql);
        var parts = new List<string>();
        while (tokenizer.Next(out var token))
        {
            parts.Add($"{token.TypeChar} {input.Substring(token.Start, token.Length)}");
        }

        return string.Join(" | ", parts);
    }

    [Theory]
    [InlineData("SELECT a FROM t", "E SELECT | n a | k FROM | n t")]
    [InlineData("x = 'it''s'", "n x | o = | s 'it''s'")]
    [InlineData("'open", "s 'open")]
    [InlineData("0x4142 0b101 1.5e-3 .5 1f", "1 0x4142 | 1 0b101 | 1 1.5e-3 | 1 .5 | 1 1f")]
    [InlineData("@x @@version @'q'", "v @x | v @@version | v @'q'")]
    [InlineData("`union` [select]", "n `union` | n [select]")]
    [InlineData("a -- rest\nb", "n a | c -- rest | n b")]
    [InlineData("a # rest", "n a | c # rest")]
    [InlineData("a /* x */ b", "n a | c /* x */ | n b")]
    [InlineData("1 /* /* */ */", "1 1 | X /* /* */ | o * | o /")]
    [InlineData("a || b && c", "n a | & || | n b | & && | n c")]
    [InlineData("a <=> b != c", "n a | o <=> | n b | o != | n c")]
    [InlineData("x::int", "n x | : :: | t int")]
    [InlineData("$$quoted$$ $1 $5.50", "s $$quoted$$ | 1 $1 | 1 $5.50")]
    [InlineData("N'nat' _utf8'x' X'41'", "s N'nat' | s _utf8'x' | s X'41'")]
    [InlineData("\\N", "1 \\N")]
    public void Next_Input_YieldsTokens(string input, string expected)
    {
        Assert.Equal(expected, Tokens(input));
    }

    [Fact]
    public void Next_ExecutableComment_ReadsContentAsCode()
    {
        Assert.Equal("1 1 | U UNION | E SELECT", Tokens("1 /*!50000UNION*/ /*!SELECT*/"));
    }

    [Fact]
    public void Next_NumberGluedToKeyword_Splits()
    {
        Assert.Equal("1 1 | U union", Tokens("1union"));
        Assert.Equal("n 1st", Tokens("1st"));
    }

    [Fact]
    public void Next_FunctionNameBeforeParenthesis_IsFunction()
    {
        Assert.Equal("f user | ( ( | ) )", Tokens("user()"));
        Assert.Equal("n user", Tokens("user"));
    }

    [Fact]
    public void Next_HashBeforeDigit_IsNotAComment()
    {
        Assert.Equal("? # | 1 2 | n pencil", Tokens("#2 pencil"));
    }

    [Theory]
    [InlineData('\'', "x' OR 'y", "s x' | & OR | s 'y")]
    [InlineData('"', "x\" OR 1", "s x\" | & OR | 1 1")]
    [InlineData('\'', "no quote here", "s no quote here")]
    public void Next_QuoteContext_StartsInsideString(char quote, string input, string expected)
    {
        var context = quote == '"' ? SqlQuoteContext.DoubleQuote : SqlQuoteContext.SingleQuote;
        Assert.Equal(expected, Tokens(input, context));
    }

    [Fact]
    public void Next_BackslashBeforeQuote_EscapesOnlyInMysql()
    {
        Assert.Equal("s 'a\\' | n z | s '", Tokens("'a\\'z'"));
        Assert.Equal("s 'a\\'z'", Tokens("'a\\'z'", mysql: true));
    }

    [Fact]
    public void Next_DoubleDash_MysqlNeedsSpace()
    {
        Assert.Equal("1 1 | c --x", Tokens("1--x"));
        Assert.Equal("1 1 | o - | o - | n x", Tokens("1--x", mysql: true));
        Assert.Equal("1 1 | c -- x", Tokens("1-- x", mysql: true));
    }
}
