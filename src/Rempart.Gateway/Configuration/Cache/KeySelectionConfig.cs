using Rempart.Caching;

namespace Rempart.Gateway.Configuration.Cache;

/// <summary>
/// Which query parameters, headers or cookies are selected: <c>all</c>, <c>none</c>, or a list
/// (<c>{ allow_list: [v, lang] }</c> or <c>{ all_except: [utm_source] }</c>), as CloudFront's
/// behaviours whitelist and allExcept.
/// </summary>
public sealed record KeySelectionConfig : IScalarForm<KeySelectionConfig>
{
    public static readonly KeySelectionConfig All = new() { Mode = KeyComponentMode.All };

    public static readonly KeySelectionConfig None = new() { Mode = KeyComponentMode.None };

    [ConfigDoc("Only these names.")]
    public IReadOnlyList<string>? AllowList { get; init; }

    [ConfigDoc("Every name except these.")]
    public IReadOnlyList<string>? AllExcept { get; init; }

    /// <summary>Set by the scalar forms; a mapping means a list mode.</summary>
    internal KeyComponentMode? Mode { get; init; }

    public static IReadOnlyList<string> ScalarForms { get; } = ["all", "none"];

    public static KeySelectionConfig? FromScalar(string text) => text switch
    {
        "all" => All,
        "none" => None,
        _ => null,
    };

    public KeyComponentMode Behavior => Mode ?? (AllowList is not null ? KeyComponentMode.AllowList : AllExcept is not null ? KeyComponentMode.AllExcept : KeyComponentMode.None);

    public IReadOnlyList<string> Names => AllowList ?? AllExcept ?? [];
}
