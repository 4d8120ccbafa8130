using System.Collections.Concurrent;
using Rempart.Gateway.Configuration.Waf;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// Loaded rule sets by <see cref="SecLangLoadPlan.Key"/>, shared by validation, every config generation and
/// `rempart waf test`: CRS is parsed once and reused across reloads while the plan and every file it read (size and
/// write time, plus the files each top-level glob matches) are unchanged. Loads are serialised (a reload never
/// parses CRS twice at once); the least recently used entries beyond <see cref="Capacity"/> are dropped.
/// </summary>
public static class SecLangRuleSetCache
{
    public const int Capacity = 8;

    /// <summary>How long one regex match may run (ModSecurity bounds PCRE by SecPcreMatchLimit; .NET by time).</summary>
    public static readonly TimeSpan RegexMatchTimeout = Statements.RegexMatchStatement.MatchTimeout; // one figure for both engines

    /// <summary>After this many regex timeouts a request's inspection is abandoned and on_error applies.</summary>
    public const int MaxRegexTimeouts = 2;

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();
    private static long _clock;

    /// <summary>How many loads actually parsed files (tests check reuse with it).</summary>
    public static int LoadCount { get; private set; }

    /// <summary>The rule set for <paramref name="plan"/>; throws <see cref="SecLangParseException"/> with file, line and directive.</summary>
    public static RuleSet GetOrLoad(SecLangLoadPlan plan)
    {
        lock (LoadLock)
        {
            if (Entries.TryGetValue(plan.Key, out var cached) && cached.IsCurrent())
            {
                cached.LastUsed = ++_clock;
                return cached.Rules;
            }

            var entry = Load(plan);
            entry.LastUsed = ++_clock;
            Entries[plan.Key] = entry;
            foreach (var stale in Entries.OrderByDescending(e => e.Value.LastUsed).Skip(Capacity).ToList())
            {
                Entries.TryRemove(stale.Key, out _);
            }

            return entry.Rules;
        }
    }

    private static Entry Load(SecLangLoadPlan plan)
    {
        var read = new List<FileStamp>();
        var options = new SecLangOptions
        {
            RegexMatchTimeout = RegexMatchTimeout,
            MaxRegexTimeouts = MaxRegexTimeouts,
            FileReader = path =>
            {
                read.Add(FileStamp.Of(path));
                return File.ReadAllText(path, System.Text.Encoding.Latin1);
            },
        };
        var parser = new SecLangParser(options);
        var globs = new List<(string Glob, string Listing)>();
        foreach (var step in plan.Steps)
        {
            if (step.File is { } file)
            {
                if (IsGlob(file))
                {
                    var listing = Listing(file);
                    if (listing.Length == 0)
                    {
                        throw new SecLangParseException(file, 0, "Include", "no file matches this pattern");
                    }

                    globs.Add((file, listing));
                }

                parser.LoadFile(file);
            }
            else
            {
                parser.LoadText(step.Text, step.Name);
            }
        }

        foreach (var (id, change) in plan.Overrides)
        {
            var found = change switch
            {
                RuleOverride.Disable => Remove(parser, id),
                RuleOverride.Count => parser.Builder.CountOnly(id),
                _ => Block(parser, id),
            };
            if (!found)
            {
                throw new SecLangParseException("overrides", 0, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "no loaded rule has this id");
            }
        }

        LoadCount++;
        return new Entry(parser.Build(), read, globs);
    }

    private static bool Remove(SecLangParser parser, int id)
    {
        var exists = parser.Builder.Select(r => r.Id == id).Count > 0;
        parser.Builder.RemoveById([(id, id)]);
        return exists;
    }

    private static bool Block(SecLangParser parser, int id)
    {
        var rules = parser.Builder.Select(r => r.Id == id);
        foreach (var rule in rules)
        {
            parser.Builder.UpdateActions(rule, "deny,status:403", ".");
        }

        return rules.Count > 0;
    }

    private static bool IsGlob(string path) => Path.GetFileName(path).IndexOfAny(['*', '?']) >= 0;

    private static string Listing(string glob)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(glob)) ?? ".";
        return Directory.Exists(directory)
            ? string.Join('\n', Directory.GetFiles(directory, Path.GetFileName(glob)).Order(StringComparer.Ordinal))
            : "";
    }

    private sealed class Entry(RuleSet rules, List<FileStamp> files, List<(string Glob, string Listing)> globs)
    {
        public RuleSet Rules { get; } = rules;

        public long LastUsed { get; set; }

        public bool IsCurrent() =>
            files.All(f => f.Equals(FileStamp.Of(f.Path))) && globs.All(g => Listing(g.Glob) == g.Listing);
    }

    private readonly record struct FileStamp(string Path, long Length, DateTime Written)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(path, info.Length, info.LastWriteTimeUtc) : new FileStamp(path, -1, default);
        }
    }
}
