using System.Text;

namespace Rempart.Detection.Sql;

/// <summary>
/// The injection grammar: the shapes, reasoned from SQL syntax, that an input takes when it breaks out
/// of the application's literal and adds SQL of its own. Every fingerprint the detector knows is
/// generated from these rules at start-up, so the rules, not a table of samples, are the source of truth.
/// </summary>
/// <remarks>
/// Reading the rules: an attacker's input is <em>lead</em> + <em>break-out</em> + <em>payload</em>.
/// In a quote context the lead is always <c>s</c>, the application's string that the attacker's quote
/// closes. In the no-quote context it is the number or name the application expected (<c>1</c>,
/// <c>n</c>, <c>v</c>), or nothing at all when the whole input is an expression. A single <c>)</c>
/// may follow the lead (folding has already collapsed runs of them): the attacker closing the
/// application's parentheses. What follows must be SQL that changes the query: a boolean clause, a
/// UNION, a stacked statement, a comment that cuts the query off, an operator that splices an
/// expression in, or a clause (ORDER BY, LIMIT, INTO OUTFILE) appended to the query.
/// Text rarely takes these shapes, because after the lead it has to continue the way SQL does
/// (an operator after the value, a SELECT after the UNION), not the way a sentence does.
/// </remarks>
internal static class SqlShapeGrammar
{
    // Step 1: named token sets.
    private static readonly (string Name, string Letters)[] s_sets =
    [
        // A plain value: number, name, string, variable.
        ("val", "1nsv"),
        // A number or a variable: text seldom puts these around logic operators and comments.
        ("num", "1v"),
        // What may start an operand: a value, a call, a parenthesis.
        ("opd", "1nsvf("),
        // What may follow a complete value in SQL: an operator, a logic operator, a closing
        // parenthesis, a comma, a statement end, a set operator, a clause, a keyword, a comment.
        ("aft", "o&),;UBkch"),
        // A comment: -- and /* */ are c (a "--" glued to text is g, folded into c below), MySQL's # is h.
        ("cmt", "ch"),
        // A lead in the no-quote context.
        ("lead", "1nv"),
        // What may follow a procedural keyword: a variable (DECLARE @x), a literal (WAITFOR DELAY '0:0:5'),
        // a call or procedure (EXEC xp_cmdshell), a condition (IF (...), IF EXISTS), another statement.
        ("proc", "v1sf(ETk"),
    ];

    // Step 2: the rules. Contexts: q = quote contexts (lead is s), n = no-quote context,
    // c = quote contexts when the lead is compact (one word or number, no space: the kind of value
    // a query parameter holds). Shapes that text can also take by chance need that second signal.
    // Each rule insists that the tokens it sees form a valid SQL prefix: after an operator comes an
    // operand, after a value comes what may follow a value, and a rule that ends with $ or ~
    // ends where SQL may end. Text breaks these rules almost at once; injected SQL cannot.
    private static readonly SqlShape[] s_shapes =
    [
        // Boolean injection: close the literal, add AND/OR and an expression that goes on like SQL.
        new("q", SqlSensitivity.Low, "s)?&{val}{aft}*", "boolean clause: x' OR 1=1 --"),
        new("q", SqlSensitivity.Low, "s)?&{num}$", "tautology ending the input: x' OR 1"),
        new("c", SqlSensitivity.Low, "s)?&s~", "balanced boolean clause: x' OR 'y"),
        new("q", SqlSensitivity.Low, "s)?&f*", "boolean clause on a function (blind): x' AND SLEEP(5)"),
        new("q", SqlSensitivity.Low, "s)?&([Ef(]*", "boolean clause on a subquery: x' AND (SELECT ..."),
        new("q", SqlSensitivity.Low, "s)?&E*", "boolean clause on a bare query: x' AND SELECT 1 FROM"),
        new("q", SqlSensitivity.Low, "s)?&({val}[o&,)]*", "boolean clause in parentheses: x' OR (1=1, x' OR (1,1)=("),
        new("n", SqlSensitivity.Low, "{num})?&{val}o{opd}*", "boolean comparison: 1 AND 1=1, 1 OR x IN ("),
        new("n", SqlSensitivity.Low, "n)?&[1sv]o{opd}*", "boolean comparison on a literal: x OR 1=1"),
        new("n", SqlSensitivity.Low, "n)?&nO{opd}*", "boolean comparison between columns: x AND y=z (not \"a and b is c\")"),
        new("n", SqlSensitivity.Low, "{lead})?&[1vs][U;B)c]*", "boolean clause then more SQL: 1 AND 1 UNION SELECT"),
        new("n", SqlSensitivity.Low, "{lead})?&n[U;c]*", "boolean clause on a column then more SQL: 1 AND x UNION SELECT"),
        new("n", SqlSensitivity.Low, "{lead})?&{num}&*", "chained tautologies: 1 OR 1 OR"),
        new("n", SqlSensitivity.Low, "{lead})?&f*", "boolean clause on a function (blind): 1 AND SLEEP(5)"),
        new("n", SqlSensitivity.Low, "{lead})?&([Ef(]*", "boolean clause on a subquery: 1 AND (SELECT ..."),
        new("n", SqlSensitivity.Low, "{lead})?&E[1vf(o]*", "boolean clause on a bare query: 1 AND SELECT 1 FROM"),
        new("n", SqlSensitivity.Low, "{lead})?&({val}[o&,]*", "boolean comparison in parentheses: 1 OR (1=1"),
        new("n", SqlSensitivity.Low, "{lead})?&{num}h$", "tautology cut off by a MySQL comment: 1 OR 1#"),
        new("n", SqlSensitivity.Low, "s&{val}o{opd}*", "boolean comparison after a quoted value: '1' OR '1'='1"),
        new("n", SqlSensitivity.Low, "s&{val})*", "boolean clause closing the application's parenthesis: 'a' OR 1)"),
        new("n", SqlSensitivity.Low, "s)?&[f(]*", "boolean clause on a function after a quoted value: 'a' AND (VERSION() LIKE"),
        new("n", SqlSensitivity.Low, ")?&f*", "a bare boolean clause on a function: AND SLEEP(5)"),
        new("n", SqlSensitivity.Low, ")?&([Ef]*", "a bare boolean clause on a subquery: AND (SELECT"),
        new("n", SqlSensitivity.Low, ")&{val}[o&);UBch]*", "a bare boolean clause after closing a parenthesis: ) OR 1=1"),
        new("n", SqlSensitivity.Low, "&{num}o{num}*", "a bare tautology: AND 1=1"),
        new("n", SqlSensitivity.High, "{lead})?&{num}*", "any logic operator between numbers: 1 OR 2"),

        // UNION-based extraction: a second SELECT glued onto the application's query.
        new("q", SqlSensitivity.Low, "s)?Uk?[E(]*", "UNION SELECT after a string: x' UNION SELECT"),
        new("q", SqlSensitivity.Low, "s)?U{cmt}?$", "UNION cut off after a string: x' UNION --"),
        new("n", SqlSensitivity.Low, "[1nvs])?Uk?[E(]*", "UNION SELECT after a value: 1 UNION SELECT"),
        new("n", SqlSensitivity.Low, "{num})?U{cmt}?$", "UNION cut off after a number: 1 UNION --"),
        new("n", SqlSensitivity.Low, "[o)]?Uk?[E(]*", "a bare UNION SELECT: UNION SELECT, =UNION SELECT, ) UNION SELECT"),
        new("n", SqlSensitivity.Low, "{lead}o{num}U*", "a parameter assignment then UNION: id=-1 UNION"),
        new("n", SqlSensitivity.Low, "{lead},{num}[UB]*", "a list then UNION or a clause: 2,1 UNION SELECT"),
        new("n", SqlSensitivity.Low, "{lead}(E*", "a subquery right after a value: 1 (SELECT ..."),
        new("n", SqlSensitivity.Low, "{lead}(U[E(]*", "a UNION in parentheses right after a value: 1 (UNION (SELECT ..."),
        new("q", SqlSensitivity.Low, "s([EU]*", "a subquery right after a string: x' (SELECT ..."),

        // Lists: a subquery or call added to a list, a row added to an INSERT's VALUES.
        new("n", SqlSensitivity.Low, "{lead},(E*", "a subquery added to a list: ORDER BY x,(SELECT ..."),
        new("n", SqlSensitivity.Low, "{lead},f*", "a function added to a list: ORDER BY x,EXTRACTVALUE("),
        new("n", SqlSensitivity.Low, "{lead}),({val}+", "a row added to an INSERT: 1),(2, ..."),
        new("n", SqlSensitivity.Low, "{lead},{val}),*", "a row added to an INSERT: 1, 2),(3, ..."),
        new("n", SqlSensitivity.Low, "{lead}),{val})*", "a list closed twice: 1),(1)) UNION"),
        new("q", SqlSensitivity.Low, "s),(*", "a row added to an INSERT: x'),(2, ..."),
        new("q", SqlSensitivity.Low, "s,{val}),*", "a row added to an INSERT: x', 2),(3, ..."),

        // Stacked statements: end the application's statement, start one of our own.
        new("q", SqlSensitivity.Low, "s)?;[ETf]*", "stacked statement: x'; DROP TABLE t"),
        new("q", SqlSensitivity.Low, "s)?;{cmt}$", "statement end then comment: x';--"),
        new("q", SqlSensitivity.Low, "s)?;k[1v(fE]*", "stacked conditional or assignment: x'; IF 1=1 DROP, x'; SET @a="),
        new("n", SqlSensitivity.Low, "[1nvs])?;k[1v(fE]*", "stacked conditional or assignment: 1; IF 1=1 DROP, 1; SET @a="),
        new("n", SqlSensitivity.Low, ";k[1v(fE]*", "a bare stacked conditional: ; IF NOT((SELECT ...)) WAITFOR"),
        new("n", SqlSensitivity.Low, "[1nvs])?;f*", "stacked procedure call: 1; xp_cmdshell 'dir'"),
        new("n", SqlSensitivity.Low, "[1nvs])?;T{proc}*", "stacked procedural statement: 1; WAITFOR DELAY"),
        new("n", SqlSensitivity.Low, "[1nvs])?;Tn[1v,;(.{cmt}]*", "stacked procedure execution: 1; EXEC sp_x 1"),
        new("n", SqlSensitivity.Low, "[1nvs])?;E[1vsof(]*", "stacked query: 1; SELECT * FROM"),
        new("n", SqlSensitivity.Low, "[1nvs])?;En[k(;,s{cmt}]*", "stacked statement on a table: 1; DROP TABLE t;"),
        new("n", SqlSensitivity.Low, "[1nvs])?;En$", "stacked statement on a table: 1; DROP TABLE t"),
        new("n", SqlSensitivity.Low, ");[ETf]*", "a bare stacked statement after closing a parenthesis: ); DROP TABLE t"),
        new("n", SqlSensitivity.Low, ";[Ef]*", "a bare stacked statement: ; SELECT / ; xp_cmdshell"),
        new("n", SqlSensitivity.Low, ";T{proc}*", "a bare stacked procedural statement: ; WAITFOR DELAY"),

        // Truncation: close the literal and comment out the rest of the application's query.
        new("c", SqlSensitivity.Low, "s)?[Ch]$", "comment after the string: admin'--, admin'#"),
        new("q", SqlSensitivity.High, "s)?g$", "a '--' glued to text after the string: x'--sp_password"),
        new("q", SqlSensitivity.High, "s)?{cmt}$", "comment after a string of several words: my name'--"),
        new("n", SqlSensitivity.Low, "{num})?c$", "comment after a number: 1--"),
        new("n", SqlSensitivity.Low, "[1nsv])c$", "comment after a closing parenthesis: 1)--"),
        new("n", SqlSensitivity.High, "[1nsv])?c$", "any comment after a value: foo--"),

        // Operator splicing: the payload joins the application's value through an operator.
        new("c", SqlSensitivity.Low, "s)?os~", "balanced comparison or concatenation: x' = 'x"),
        new("q", SqlSensitivity.High, "s)?[o&]s~", "balanced comparison after a string of several words"),
        new("q", SqlSensitivity.Low, "s)?of*", "function spliced by an operator: x' + SLEEP(5) + '"),
        new("q", SqlSensitivity.Low, "s)?o([Ef(]*", "subquery spliced by an operator: x' = (SELECT"),
        new("q", SqlSensitivity.Low, "s)?o({val}[o&,)]*", "parenthesised expression spliced by an operator"),
        new("q", SqlSensitivity.Low, "s)?o{val}[&UB;]*", "operator expression then more SQL: x' = 1 OR"),
        new("q", SqlSensitivity.Low, "s)?o[1vs]{cmt}$", "operator expression cutting the query off: x' = 1 --"),
        new("q", SqlSensitivity.Low, "s)?o{num}o{opd}*", "chained operators: x' - 1 = 1"),
        new("c", SqlSensitivity.Low, "s)?oso{opd}*", "chained comparisons of strings: x' = 'x' = '1"),
        new("q", SqlSensitivity.Low, "s)?o{val})[o&UB;ch]*", "expression closing the application's parenthesis: x' IN MODE) OR"),
        new("q", SqlSensitivity.Low, "s)?ov*", "variable spliced by an operator: x' - @@version"),
        new("q", SqlSensitivity.High, "s)?os$", "comparison with a closed string: x' = 'x'"),
        new("n", SqlSensitivity.Low, "[1nvs])?of*", "function spliced by an operator: 1 - SLEEP(5)"),
        new("n", SqlSensitivity.Low, "[1sv])o[(f]*", "expression closing the application's parenthesis: 'a') IN (BINARY"),
        new("n", SqlSensitivity.Low, "{lead})?o([Ef(]*", "subquery spliced by an operator: 1 = (SELECT"),
        new("n", SqlSensitivity.Low, "{lead})?o({val}[o&]*", "parenthesised comparison: 1 = (1 = 1"),
        new("n", SqlSensitivity.Low, "{num})?o{val}[&U;B]*", "comparison then more SQL: 1=1 OR, 1='1' OR"),
        new("n", SqlSensitivity.Low, "s)?o{val}[U;]*", "string expression then more SQL: 'a'-'b' UNION"),
        new("n", SqlSensitivity.Low, "[1sv]o{val})*", "expression closing the application's parenthesis: 'a' * 'a')"),
        new("n", SqlSensitivity.High, "{num})?o{num}o{opd}*", "chained comparisons: 1=1=1"),

        // Clause injection: ORDER BY / GROUP BY / LIMIT / HAVING / INTO OUTFILE / PROCEDURE / WHERE after the value.
        new("q", SqlSensitivity.Low, "s)?B{val}{aft}*", "clause after a string: x' ORDER BY 1 --"),
        new("q", SqlSensitivity.Low, "s)?B[1vs]$", "clause ending the input: x' ORDER BY 1"),
        new("q", SqlSensitivity.Low, "s)?B[f(]*", "clause on a call: x' PROCEDURE ANALYSE("),
        new("q", SqlSensitivity.Low, "s)?B[BU]*", "clause then clause: x' FOR UPDATE UNION"),
        new("n", SqlSensitivity.Low, "[1nvs])?B{val}[o&),;UBch]*", "clause after a value: 1 ORDER BY 1 --"),
        new("n", SqlSensitivity.Low, "[1nvs])?B[1vs]$", "clause ending the input: 1 ORDER BY 1"),
        new("n", SqlSensitivity.Low, "[1nvs])?B[f(]*", "clause on a call: 1 PROCEDURE ANALYSE("),
        new("n", SqlSensitivity.Low, "[1nvs])?B[BU]*", "clause then clause: 1 FOR UPDATE UNION"),
        new("n", SqlSensitivity.Low, "B{num}[,c]*", "a bare row limit: LIMIT 0,1"),
        new("n", SqlSensitivity.Low, "{lead})k{num}o*", "clause closing the application's parenthesis: x) WHERE 1=1"),
        new("n", SqlSensitivity.Low, "{lead})kn[k;]*", "query tail closing the application's parenthesis: 1) FROM t WHERE"),
        new("n", SqlSensitivity.Low, "{lead}k{num}o{num}*", "a WHERE clause with a tautology: t WHERE 1=2"),
        new("n", SqlSensitivity.Low, "{num}kno{num}*", "a WHERE clause: 3 WHERE t.id=3"),

        // Procedural statements, which SQL Server runs without a separator.
        new("q", SqlSensitivity.Low, "s)?T{proc}*", "procedural statement after a string: x' WAITFOR DELAY"),
        new("q", SqlSensitivity.Low, "s)?Tn[1v,;(.{cmt}]*", "procedure execution after a string: x' EXEC sp_x 1"),
        new("q", SqlSensitivity.Low, "s)?Tn[ET][1nvsof(]*", "label or procedure then a statement: x' GOTO l SELECT 1"),
        new("n", SqlSensitivity.Low, "T[vsfT]*", "a bare procedural statement: WAITFOR DELAY '0:0:5'"),
        new("n", SqlSensitivity.Low, "T(s*", "a bare dynamic statement: EXEC('SELECT ...')"),
        new("n", SqlSensitivity.Low, "[1nvs])?T[vsf(T]*", "procedural statement after a value: 1 WAITFOR DELAY"),
        new("n", SqlSensitivity.Low, "Tnv*", "a bare procedure execution: EXEC sp_x @a = 1"),

        // A query written where a value was expected (SQL Server also accepts one right after a value).
        new("q", SqlSensitivity.Low, "s)?E[vof(]*", "query after a string: x' SELECT @@version"),
        new("q", SqlSensitivity.Low, "s)?E[1vs][,k;&oTUB]*", "query after a string: x' SELECT 'a' FROM"),
        new("q", SqlSensitivity.Low, "s)?En[k,]*", "query after a string: x' SELECT a FROM"),
        new("n", SqlSensitivity.Low, "{num}E[1vsof(]*", "statement right after a value (SQL Server batch): 1 SELECT 1"),
        new("n", SqlSensitivity.Low, "{num}En[k(]*", "statement right after a number (SQL Server batch): 1 UPDATE t SET"),
        new("n", SqlSensitivity.Low, "E[vf(]*", "a bare query: SELECT @@version, SELECT (1)"),
        new("n", SqlSensitivity.Low, "Eo[k,(]*", "a bare query on all columns or an operator call: SELECT * FROM, SELECT LIKE("),
        new("n", SqlSensitivity.Low, "E[1vs][o&),;UBk]*", "a bare query on literals: SELECT 1 FROM, SELECT 'a' OR"),
        new("n", SqlSensitivity.Low, "E{num}$", "a bare query on a number: SELECT 1"),
        new("n", SqlSensitivity.Low, "E{num}n[k,)]*", "a bare query with a row limit: SELECT TOP 1 name FROM"),
        new("n", SqlSensitivity.Low, "E{num}[vf]*", "a bare query with a row limit: SELECT TOP 1 @@version"),
        new("n", SqlSensitivity.Low, "Enkn[B);Uc]*", "a bare query with a clause: SELECT a FROM t LIMIT 1"),
        new("n", SqlSensitivity.Low, "Enk(*", "a bare query on a subquery: SELECT a FROM (SELECT"),
        new("n", SqlSensitivity.Low, "En[)UB]*", "a bare query on a column: SELECT a UNION"),
        new("n", SqlSensitivity.Low, "En,*", "a bare query on columns: SELECT a, b"),
        new("n", SqlSensitivity.High, "En[k(]*", "a bare query: SELECT a FROM"),

        // An expression written where a value was expected: function calls over SQL.
        new("q", SqlSensitivity.Low, "s)?f(*", "a call right after the string: x' SLEEP(20) '"),
        new("n", SqlSensitivity.Low, "f([Ef(]*", "a function over a subquery or another function: LENGTH(VERSION())"),
        new("n", SqlSensitivity.Low, "f(t,*", "a conversion: CONVERT(INT, ..."),
        new("n", SqlSensitivity.Low, "f([1sv][&o]*", "a function over an expression on literals: COS(1 OR 'b')"),
        new("n", SqlSensitivity.Low, "f([1sv],*", "a function over a list with literals: CONCAT(0x3a, ..."),
        new("n", SqlSensitivity.Low, "f(n,[1svf(]*", "a function over columns and literals: CONCAT(name, 0x3a"),
        new("n", SqlSensitivity.Low, "f({val})[o&BcU]*", "a function call followed by SQL: SLEEP(5)--"),
        new("n", SqlSensitivity.Low, "f({num})$", "a lone function call: SLEEP(5)"),
        new("n", SqlSensitivity.Low, "f()[o&BcU]*", "a niladic call followed by SQL: VERSION()--"),
    ];

    /// <summary>The fingerprints used at each sensitivity (High includes Low).</summary>
    public static SqlFingerprintSet Build(SqlSensitivity sensitivity) =>
        Build(s_shapes.Where(shape => shape.Level <= sensitivity));

    /// <summary>The fingerprints generated by <paramref name="shapes"/>.</summary>
    public static SqlFingerprintSet Build(IEnumerable<SqlShape> shapes)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shape in shapes)
        {
            var elements = Parse(Expand(shape.Pattern), out var marker);
            foreach (var context in shape.Contexts)
            {
                Generate(elements, 0, new StringBuilder().Append(context), marker, keys);
            }
        }

        return new SqlFingerprintSet(keys);
    }

    /// <summary>All rules, for tests and for the design note.</summary>
    public static IReadOnlyList<SqlShape> Shapes => s_shapes;

    /// <summary>
    /// Replaces each {name} with its set, inside or outside a [..] class; then widens <c>o</c> to any
    /// operator (<c>o</c> symbolic, <c>w</c> a word such as IN, IS, LIKE) and narrows <c>O</c> to a
    /// symbolic one, and widens <c>c</c> to any comment that ends the query in every engine or in
    /// one (<c>g</c>: a "--" glued to text, which only ANSI engines read as a comment).
    /// </summary>
    private static string Expand(string pattern) => WidenLetters(ExpandSets(pattern));

    private static string WidenLetters(string pattern)
    {
        var widened = new StringBuilder();
        var inClass = false;
        foreach (var c in pattern)
        {
            inClass = c == '[' || (inClass && c != ']');
            var replacement = c switch
            {
                'o' => "ow",
                'O' => "o",
                'c' => "cg",
                'C' => "c",
                _ => null,
            };

            if (replacement is null || (replacement.Length == 1))
            {
                widened.Append(replacement ?? c.ToString());
            }
            else
            {
                widened.Append(inClass ? replacement : "[" + replacement + "]");
            }
        }

        return widened.ToString();
    }

    private static string ExpandSets(string pattern)
    {
        var expanded = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c != '{')
            {
                inClass = c == '[' || (inClass && c != ']');
                expanded.Append(c);
                continue;
            }

            var close = pattern.IndexOf('}', i);
            var name = close < 0 ? string.Empty : pattern[(i + 1)..close];
            var letters = Array.Find(s_sets, set => set.Name == name).Letters
                ?? throw new InvalidOperationException($"Unknown set '{name}' in SQL shape '{pattern}'.");
            expanded.Append(inClass ? letters : "[" + letters + "]");
            i = close;
        }

        return expanded.ToString();
    }

    /// <summary>Splits a pattern into (letters, optional) elements and its end marker.</summary>
    private static List<(string Letters, bool Optional)> Parse(string pattern, out char marker)
    {
        marker = pattern.Length > 0 ? pattern[^1] : '\0';
        if (marker is not ('*' or '+' or '$' or '~'))
        {
            throw new InvalidOperationException($"SQL shape '{pattern}' must end with *, +, $ or ~.");
        }

        var elements = new List<(string, bool)>();
        for (var i = 0; i < pattern.Length - 1; i++)
        {
            string letters;
            if (pattern[i] == '[')
            {
                var close = pattern.IndexOf(']', i);
                if (close < 0)
                {
                    throw new InvalidOperationException($"Unclosed set in SQL shape '{pattern}'.");
                }

                letters = pattern[(i + 1)..close];
                i = close;
            }
            else
            {
                letters = pattern[i].ToString();
            }

            var optional = i + 1 < pattern.Length - 1 && pattern[i + 1] == '?';
            if (optional)
            {
                i++;
            }

            elements.Add((letters, optional));
        }

        return elements;
    }

    private static void Generate(List<(string Letters, bool Optional)> elements, int index, StringBuilder key, char marker, HashSet<string> keys)
    {
        var length = key.Length - 1;
        if (index == elements.Count || length == SqlFolder.FingerprintLength)
        {
            // Past the fingerprint width the rest of the pattern cannot be checked: it becomes a prefix.
            var end = index == elements.Count ? marker : (marker == '+' ? '+' : '*');
            keys.Add(key.ToString() + end);
            return;
        }

        var (letters, optional) = elements[index];
        if (optional)
        {
            Generate(elements, index + 1, key, marker, keys);
        }

        foreach (var letter in letters)
        {
            key.Append(letter);
            Generate(elements, index + 1, key, marker, keys);
            key.Length--;
        }
    }
}
