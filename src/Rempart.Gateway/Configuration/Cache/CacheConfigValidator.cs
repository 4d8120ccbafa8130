using System.Text.RegularExpressions;

namespace Rempart.Gateway.Configuration.Cache;

/// <summary>Checks the <c>cache:</c> section and its policies; every problem with its position and fix.</summary>
public static partial class CacheConfigValidator
{
    public static void Validate(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        var cache = config.Cache;
        if (cache.Memory.MaxSize.Bytes < 1024 * 1024)
        {
            errors.Add(map.Error("cache.memory.max_size", $"{cache.Memory.MaxSize} is too small for a cache", "use at least 1MiB, e.g. 256MiB"));
        }

        if (cache.Memory.MaxObjectSize.Bytes < 1 || cache.Memory.MaxObjectSize.Bytes > cache.Memory.MaxSize.Bytes)
        {
            errors.Add(map.Error("cache.memory.max_object_size", "the object limit must be between 1 byte and memory.max_size", "use e.g. 8MiB"));
        }

        if (cache.Disk is { } disk)
        {
            if (string.IsNullOrWhiteSpace(disk.Path))
            {
                errors.Add(map.Error("cache.disk.path", "the disk tier needs a folder", "write path: cache (relative to data_dir), or remove disk: for memory only"));
            }

            if (disk.MaxSize.Bytes < 1024 * 1024)
            {
                errors.Add(map.Error("cache.disk.max_size", $"{disk.MaxSize} is too small for a cache", "use at least 1MiB, e.g. 10GiB"));
            }

            if (disk.MaxObjectSize.Bytes < 1 || disk.MaxObjectSize.Bytes > disk.MaxSize.Bytes)
            {
                errors.Add(map.Error("cache.disk.max_object_size", "the object limit must be between 1 byte and disk.max_size", "use e.g. 1GiB"));
            }
        }

        if (!StatusToken().IsMatch(cache.StatusName))
        {
            errors.Add(map.Error("cache.status_name", $"'{cache.StatusName}' is not a Structured Field token (RFC 9211 needs one)", "use letters, digits and - _ . : / such as Rempart or edge-1"));
        }

        FieldNames(map, errors, "cache.targeted_fields", cache.TargetedFields);
        FieldNames(map, errors, "cache.surrogate_key_fields", cache.SurrogateKeyFields);
        if (cache.MaxVaryFields is < 1 or > 1024)
        {
            errors.Add(map.Error("cache.max_vary_fields", $"{cache.MaxVaryFields} is out of range", "use 1 to 1024; 16 is plenty for real sites"));
        }

        if (cache.CoalesceTimeout <= TimeSpan.Zero)
        {
            errors.Add(map.Error("cache.coalesce_timeout", "the duration must be greater than zero", "write e.g. 10s"));
        }

        if (cache.MaxWaitersPerKey < 0)
        {
            errors.Add(map.Error("cache.max_waiters_per_key", $"{cache.MaxWaitersPerKey} is negative", "use 0 (no waiting) or more, e.g. 1024"));
        }

        for (var i = 0; i < cache.Compression.Types.Count; i++)
        {
            if (!MediaRange().IsMatch(cache.Compression.Types[i]))
            {
                errors.Add(map.Error($"cache.compression.types[{i}]", $"'{cache.Compression.Types[i]}' is not a media type", "write type/subtype or type/*, e.g. text/* or application/json"));
            }
        }

        if (cache.Compression.MinSize.Bytes > cache.Compression.MaxSize.Bytes)
        {
            errors.Add(map.Error("cache.compression.min_size", "min_size is larger than max_size", "lower min_size (1KiB) or raise max_size"));
        }

        foreach (var (name, policy) in cache.Policies)
        {
            ValidatePolicy(map, errors, $"cache.policies.{name}", name, policy);
        }
    }

    private static void ValidatePolicy(SourceMap map, List<ConfigError> errors, string path, string name, CachePolicyConfig policy)
    {
        if (ConfigValidator.BuiltInCachePolicies.Contains(name))
        {
            errors.Add(map.Error(path, $"'{name}' is a built-in cache policy name", "choose another name; routes use default and disabled without defining them"));
        }

        NotNegative(map, errors, $"{path}.min_ttl", policy.MinTtl);
        NotNegative(map, errors, $"{path}.stale_if_error", policy.StaleIfError);
        NotNegative(map, errors, $"{path}.stale_if_unreachable", policy.StaleIfUnreachable);
        if (policy.MaxTtl < policy.MinTtl)
        {
            errors.Add(map.Error($"{path}.max_ttl", $"max_ttl ({policy.MaxTtl}) is below min_ttl ({policy.MinTtl})", "make max_ttl at least min_ttl"));
        }

        if (policy.DefaultTtl is { } d && (d < policy.MinTtl || d > policy.MaxTtl))
        {
            errors.Add(map.Error($"{path}.default_ttl", $"default_ttl ({d}) is outside [min_ttl, max_ttl]", "choose a default between min_ttl and max_ttl, as CloudFront requires"));
        }

        if (policy.MaxObjectSize.Bytes < 1)
        {
            errors.Add(map.Error($"{path}.max_object_size", "the object limit must be at least 1 byte", "use e.g. 1GiB"));
        }

        Selection(map, errors, $"{path}.key.query_strings", policy.Key.QueryStrings, header: false);
        Selection(map, errors, $"{path}.key.cookies", policy.Key.Cookies, header: false);
        FieldNames(map, errors, $"{path}.key.headers", policy.Key.Headers);
        Selection(map, errors, $"{path}.origin_request.headers", policy.OriginRequest.Headers, header: true);
        Selection(map, errors, $"{path}.origin_request.cookies", policy.OriginRequest.Cookies, header: false);
        FieldNames(map, errors, $"{path}.origin_request.drop_headers", policy.OriginRequest.DropHeaders);
    }

    private static void Selection(SourceMap map, List<ConfigError> errors, string path, KeySelectionConfig selection, bool header)
    {
        if (selection.AllowList is not null && selection.AllExcept is not null)
        {
            errors.Add(map.Error(path, "allow_list and all_except are both set", "keep one: allow_list names what goes in, all_except what stays out"));
        }

        for (var i = 0; i < selection.Names.Count; i++)
        {
            var n = selection.Names[i];
            if (string.IsNullOrWhiteSpace(n) || (header && !FieldName().IsMatch(n)))
            {
                var key = selection.AllowList is not null ? "allow_list" : "all_except";
                errors.Add(map.Error($"{path}.{key}[{i}]", $"'{n}' is not a valid name", header ? "write a header name such as Accept-Language" : "write the parameter or cookie name as sent"));
            }
        }
    }

    private static void FieldNames(SourceMap map, List<ConfigError> errors, string path, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!FieldName().IsMatch(names[i]))
            {
                errors.Add(map.Error($"{path}[{i}]", $"'{names[i]}' is not a header field name", "write a name such as CDN-Cache-Control (letters, digits, - and _)"));
            }
        }
    }

    private static void NotNegative(SourceMap map, List<ConfigError> errors, string path, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add(map.Error(path, "the duration is negative", "write 0s or more"));
        }
    }

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"^[A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*$")]
    private static partial Regex StatusToken();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9!#$&^_.+\-]*/(\*|[a-z0-9][a-z0-9!#$&^_.+\-]*)$")]
    private static partial Regex MediaRange();
}
