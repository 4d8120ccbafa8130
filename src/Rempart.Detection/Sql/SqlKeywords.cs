using System.Collections.Frozen;

namespace Rempart.Detection.Sql;

/// <summary>
/// Our own word list: which SQL words matter to an injection and what role each one plays.
/// Written from the grammars of MySQL, SQL Server, PostgreSQL, Oracle, SQLite and DB2, keeping only
/// words that change the shape of a query. Ordinary English words that are also SQL keywords
/// (BY, TO, FOR, KEY, ORDER, GROUP, USER, DATE, ...) stay bare words unless they sit in a phrase
/// (ORDER BY) or in front of a parenthesis (USER()), because text is full of them.
/// Built once, immutable, shared by all threads; a word listed twice in one role fails at start-up.
/// </summary>
internal static class SqlKeywords
{
    // Step 1: the roles, one list per role. Words are case-insensitive.

    private const string LogicWords = "AND OR XOR";

    // NOT is a prefix operator: folding drops it in front of a value like a unary minus.
    private const string UnaryOperatorWords = "NOT";

    private const string ComparisonWords = "LIKE ILIKE RLIKE REGEXP GLOB IN IS BETWEEN SOUNDS SIMILAR MATCH AGAINST";

    private const string ArithmeticWords = "DIV MOD";

    private const string UnionWords = "UNION INTERSECT EXCEPT MINUS";

    private const string GroupWords = "LIMIT HAVING PROCEDURE OFFSET";

    private const string ExpressionWords =
        "SELECT INSERT UPDATE DELETE REPLACE MERGE UPSERT DROP CREATE ALTER TRUNCATE GRANT REVOKE";

    private const string ProceduralWords =
        "WAITFOR EXEC EXECUTE DECLARE SHUTDOWN RAISERROR DEALLOCATE GOTO BEGIN WHILE DBCC RECONFIGURE " +
        "PRINT ELSIF";

    private const string KeywordWords =
        "FROM WHERE INTO TABLE AS ON CASE WHEN THEN ELSE END JOIN INNER OUTER CROSS NATURAL USING DISTINCT TOP " +
        "VALUES EXISTS ALL ANY SOME DUAL OUTFILE DUMPFILE DEFAULT RETURNING DESC ASC SET NULLS WITH RECURSIVE IF ESCAPE";

    private const string TypeWords =
        "INT INTEGER SMALLINT BIGINT TINYINT MEDIUMINT DECIMAL NUMERIC FLOAT DOUBLE VARCHAR VARCHAR2 NVARCHAR NVARCHAR2 " +
        "NCHAR VARBINARY BINARY DATETIME DATETIME2 TIMESTAMP BOOLEAN BOOL BLOB CLOB NCLOB MONEY SIGNED UNSIGNED " +
        "SYSNAME UNIQUEIDENTIFIER CHAR";

    private const string LiteralWords = "NULL TRUE FALSE UNKNOWN";

    // Values that need no parentheses; most may take them too (CURRENT_USER()).
    private const string NiladicWords =
        "CURRENT_USER CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP CURRENT_SCHEMA CURRENT_ROLE LOCALTIME LOCALTIMESTAMP " +
        "SESSION_USER SYSTEM_USER SYSDATE SYSTIMESTAMP UTC_DATE UTC_TIME UTC_TIMESTAMP";

    private const string CollateWords = "COLLATE";

    // Names that are a function call only when an opening parenthesis follows: alone they are bare words
    // (or keep the role given above, such as CHAR as a type or LEFT as a join keyword).
    private const string FunctionWords =
        // string and encoding
        "CONCAT CONCAT_WS GROUP_CONCAT STRING_AGG ARRAY_AGG ARRAY_TO_STRING CHAR CHR NCHAR ASCII ORD UNICODE HEX UNHEX " +
        "BIN CONV OCT SUBSTRING SUBSTR SUBSTRING_INDEX MID LEFT RIGHT LENGTH LEN CHAR_LENGTH CHARACTER_LENGTH BIT_LENGTH " +
        "DATALENGTH INSTR LOCATE POSITION CHARINDEX PATINDEX LPAD RPAD REVERSE LOWER UPPER LCASE UCASE TRIM LTRIM RTRIM " +
        "REPLACE REPEAT REPLICATE SPACE STUFF STRCMP ELT FIELD FIND_IN_SET MAKE_SET EXPORT_SET QUOTE QUOTENAME " +
        "TO_CHAR TO_NUMBER TO_DATE RAWTOHEX HEXTORAW TO_BASE64 FROM_BASE64 ENCODE DECODE SOUNDEX STR " +
        // hashing and crypto
        "MD5 SHA SHA1 SHA2 PASSWORD OLD_PASSWORD ENCRYPT AES_ENCRYPT AES_DECRYPT DES_ENCRYPT DES_DECRYPT COMPRESS " +
        "UNCOMPRESS CRC32 " +
        // conversions and control flow
        "CAST CONVERT IF IIF IFNULL NULLIF ISNULL NVL NVL2 COALESCE GREATEST LEAST CHOOSE EXISTS ROW ANY SOME ALL " +
        // numbers
        "FLOOR CEIL CEILING ROUND ABS EXP LN LOG LOG2 LOG10 POW POWER SQRT SIN COS TAN ASIN ACOS ATAN COT PI RAND RANDOM " +
        "SIGN MOD BITAND " +
        // aggregates
        "COUNT SUM AVG MIN MAX STDDEV VARIANCE BIT_AND BIT_OR BIT_XOR " +
        // who am I, where am I
        "VERSION DATABASE SCHEMA USER CURRENT_USER SESSION_USER SYSTEM_USER USER_NAME SUSER_NAME SUSER_SNAME DB_NAME " +
        "HOST_NAME CURRENT_DATABASE CONNECTION_ID LAST_INSERT_ID ROW_COUNT FOUND_ROWS SQLITE_VERSION SYS_CONTEXT " +
        "SERVERPROPERTY IS_SRVROLEMEMBER IS_MEMBER HAS_DBACCESS OBJECT_ID OBJECT_NAME COL_NAME TYPEOF CHARSET " +
        "COLLATION COERCIBILITY ANALYSE ANALYZE " +
        // time, delays and heavy work (blind injection)
        "SLEEP BENCHMARK PG_SLEEP GET_LOCK RELEASE_LOCK MASTER_POS_WAIT RANDOMBLOB ZEROBLOB NOW SYSDATE CURDATE CURTIME " +
        "UNIX_TIMESTAMP GETDATE NEWID UUID GENERATE_SERIES RECEIVE_MESSAGE " +
        // error-based extraction
        "EXTRACTVALUE UPDATEXML XMLTYPE EXTRACT NAME_CONST GTID_SUBSET JSON_KEYS JSON_EXTRACT JSON_DEPTH JSON_OBJECT " +
        "JSON_ARRAY POLYGON MULTIPOINT MULTIPOLYGON LINESTRING MULTILINESTRING GEOMETRYCOLLECTION " +
        "QUERY_TO_XML DBMS_XMLGEN " +
        // file and network access
        "LOAD_FILE PG_READ_FILE PG_LS_DIR LO_IMPORT LO_EXPORT OPENROWSET OPENQUERY OPENDATASOURCE LOAD_EXTENSION " +
        "GET_HOST_ADDRESS GET_HOST_NAME REQUEST FN_VARBINTOHEXSTR";

    // Stored procedures that run commands or change security: a call to them needs no parentheses.
    private const string ProcedureNames =
        "XP_CMDSHELL XP_REGREAD XP_REGWRITE XP_DIRTREE XP_FILEEXIST XP_AVAILABLEMEDIA XP_SERVICECONTROL " +
        "SP_EXECUTESQL SP_OACREATE SP_OAMETHOD SP_CONFIGURE SP_ADDLOGIN SP_ADDSRVROLEMEMBER SP_PASSWORD " +
        "SP_MAKEWEBTASK SP_ADDEXTENDEDPROC SP_EXECUTE";

    // Step 2: multi-word keywords. The folding step merges two adjacent words when "FIRST SECOND" is
    // listed here, and may merge a third word onto the result (UNION ALL + DISTINCT).
    private static readonly (string Phrase, SqlTokenType Type, SqlTokenFlags Flags)[] s_phraseSource =
    [
        ("UNION ALL", SqlTokenType.Union, SqlTokenFlags.None),
        ("UNION DISTINCT", SqlTokenType.Union, SqlTokenFlags.None),
        ("UNION ALL DISTINCT", SqlTokenType.Union, SqlTokenFlags.None),
        ("UNION DISTINCT ALL", SqlTokenType.Union, SqlTokenFlags.None),
        ("EXCEPT ALL", SqlTokenType.Union, SqlTokenFlags.None),
        ("INTERSECT ALL", SqlTokenType.Union, SqlTokenFlags.None),
        ("GROUP BY", SqlTokenType.Group, SqlTokenFlags.None),
        ("ORDER BY", SqlTokenType.Group, SqlTokenFlags.None),
        ("PARTITION BY", SqlTokenType.Group, SqlTokenFlags.None),
        ("INTO OUTFILE", SqlTokenType.Group, SqlTokenFlags.None),
        ("INTO DUMPFILE", SqlTokenType.Group, SqlTokenFlags.None),
        ("FOR UPDATE", SqlTokenType.Group, SqlTokenFlags.None),
        ("FOR XML", SqlTokenType.Group, SqlTokenFlags.None),
        ("FOR JSON", SqlTokenType.Group, SqlTokenFlags.None),
        ("NOT IN", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT LIKE", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT ILIKE", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT RLIKE", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT REGEXP", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT BETWEEN", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT GLOB", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT SIMILAR", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("SIMILAR TO", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("NOT SIMILAR TO", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("SOUNDS LIKE", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("IS NOT", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("IS DISTINCT", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("IS DISTINCT FROM", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("IS NOT DISTINCT", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("IS NOT DISTINCT FROM", SqlTokenType.Operator, SqlTokenFlags.Comparison),
        ("SELECT ALL", SqlTokenType.Expression, SqlTokenFlags.None),
        ("SELECT DISTINCT", SqlTokenType.Expression, SqlTokenFlags.None),
        ("SELECT TOP", SqlTokenType.Expression, SqlTokenFlags.None),
        ("INSERT INTO", SqlTokenType.Expression, SqlTokenFlags.None),
        ("REPLACE INTO", SqlTokenType.Expression, SqlTokenFlags.None),
        ("DELETE FROM", SqlTokenType.Expression, SqlTokenFlags.None),
        ("LOAD DATA", SqlTokenType.Expression, SqlTokenFlags.None),
        ("WAITFOR DELAY", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("WAITFOR TIME", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("BULK INSERT", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("BEGIN TRY", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("BEGIN CATCH", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("END TRY", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("END CATCH", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("END IF", SqlTokenType.ProceduralStatement, SqlTokenFlags.None),
        ("LEFT JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("RIGHT JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("INNER JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("OUTER JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("CROSS JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("FULL JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("NATURAL JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("LEFT OUTER", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("RIGHT OUTER", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("FULL OUTER", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("LEFT OUTER JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("RIGHT OUTER JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("FULL OUTER JOIN", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("CHARACTER SET", SqlTokenType.Keyword, SqlTokenFlags.None),
        ("DOUBLE PRECISION", SqlTokenType.SqlType, SqlTokenFlags.None),
        ("CHARACTER VARYING", SqlTokenType.SqlType, SqlTokenFlags.None),
        ("DROP TABLE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("DROP DATABASE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("DROP USER", SqlTokenType.Expression, SqlTokenFlags.None),
        ("DROP PROCEDURE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("DROP VIEW", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE TABLE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE DATABASE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE USER", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE PROCEDURE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE FUNCTION", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE VIEW", SqlTokenType.Expression, SqlTokenFlags.None),
        ("CREATE LOGIN", SqlTokenType.Expression, SqlTokenFlags.None),
        ("ALTER TABLE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("ALTER DATABASE", SqlTokenType.Expression, SqlTokenFlags.None),
        ("ALTER USER", SqlTokenType.Expression, SqlTokenFlags.None),
        ("ALTER LOGIN", SqlTokenType.Expression, SqlTokenFlags.None),
        ("TRUNCATE TABLE", SqlTokenType.Expression, SqlTokenFlags.None),
    ];

    private static readonly FrozenDictionary<string, SqlWord> s_words = BuildWords();
    private static readonly FrozenDictionary<string, SqlWord>.AlternateLookup<ReadOnlySpan<char>> s_wordLookup =
        s_words.GetAlternateLookup<ReadOnlySpan<char>>();

    // Phrase ids start at 1 so that 0 means "not a phrase" in SqlToken.
    private static readonly FrozenDictionary<string, int> s_phrases = BuildPhrases();
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> s_phraseLookup =
        s_phrases.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest phrase text, which bounds the buffer used to look one up.</summary>
    private const int MaxPhraseLength = 32;

    /// <summary>What <paramref name="word"/> is, or false for a word with no SQL role.</summary>
    public static bool TryGetWord(ReadOnlySpan<char> word, out SqlWord info) => s_wordLookup.TryGetValue(word, out info);

    /// <summary>
    /// Looks up the phrase "<paramref name="first"/> <paramref name="second"/>" (one space between);
    /// returns its id, or 0 when the two words do not form a phrase.
    /// </summary>
    public static int FindPhrase(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        var length = first.Length + 1 + second.Length;
        if (length > MaxPhraseLength)
        {
            return 0;
        }

        Span<char> key = stackalloc char[MaxPhraseLength];
        first.CopyTo(key);
        key[first.Length] = ' ';
        second.CopyTo(key[(first.Length + 1)..]);
        return s_phraseLookup.TryGetValue(key[..length], out var id) ? id : 0;
    }

    public static ReadOnlySpan<char> PhraseText(int phraseId) => s_phraseSource[phraseId - 1].Phrase;

    public static SqlTokenType PhraseType(int phraseId) => s_phraseSource[phraseId - 1].Type;

    public static SqlTokenFlags PhraseFlags(int phraseId) => s_phraseSource[phraseId - 1].Flags;

    private static FrozenDictionary<string, SqlWord> BuildWords()
    {
        var words = new Dictionary<string, SqlWord>(StringComparer.OrdinalIgnoreCase);

        void AddRole(string list, SqlTokenType type, SqlTokenFlags flags, SqlTokenType? beforeParenthesis = null)
        {
            foreach (var word in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!words.TryAdd(word, new SqlWord(type, beforeParenthesis ?? type, flags)))
                {
                    throw new InvalidOperationException($"SQL word '{word}' is listed in two roles.");
                }
            }
        }

        AddRole(LogicWords, SqlTokenType.LogicOperator, SqlTokenFlags.None);
        AddRole(UnaryOperatorWords, SqlTokenType.Operator, SqlTokenFlags.Unary);
        AddRole(ComparisonWords, SqlTokenType.Operator, SqlTokenFlags.Comparison);
        AddRole(ArithmeticWords, SqlTokenType.Operator, SqlTokenFlags.Arithmetic);
        AddRole(UnionWords, SqlTokenType.Union, SqlTokenFlags.None);
        AddRole(GroupWords, SqlTokenType.Group, SqlTokenFlags.None);
        AddRole(ExpressionWords, SqlTokenType.Expression, SqlTokenFlags.None);
        AddRole(ProceduralWords, SqlTokenType.ProceduralStatement, SqlTokenFlags.None);
        AddRole(KeywordWords, SqlTokenType.Keyword, SqlTokenFlags.None);
        // A type in front of a parenthesis is a call or a sized type (VARCHAR(10), BINARY('a')).
        AddRole(TypeWords, SqlTokenType.SqlType, SqlTokenFlags.None, SqlTokenType.Function);
        AddRole(LiteralWords, SqlTokenType.Number, SqlTokenFlags.None);
        AddRole(NiladicWords, SqlTokenType.Variable, SqlTokenFlags.None);
        AddRole(CollateWords, SqlTokenType.Collate, SqlTokenFlags.None);
        AddRole(ProcedureNames, SqlTokenType.Function, SqlTokenFlags.None);

        // A function name keeps its role when alone and becomes a call in front of '('.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in FunctionWords.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!seen.Add(name))
            {
                throw new InvalidOperationException($"SQL function '{name}' is listed twice.");
            }

            words[name] = words.TryGetValue(name, out var existing)
                ? existing with { BeforeParenthesis = SqlTokenType.Function }
                : new SqlWord(SqlTokenType.Bareword, SqlTokenType.Function, SqlTokenFlags.None);
        }

        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static FrozenDictionary<string, int> BuildPhrases()
    {
        var phrases = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < s_phraseSource.Length; i++)
        {
            var phrase = s_phraseSource[i].Phrase;
            if (phrase.Length > MaxPhraseLength || !phrases.TryAdd(phrase, i + 1))
            {
                throw new InvalidOperationException($"SQL phrase '{phrase}' is too long or listed twice.");
            }
        }

        return phrases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
