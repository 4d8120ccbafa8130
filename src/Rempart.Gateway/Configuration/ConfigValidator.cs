using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// Checks what the binder cannot see: references between entities, addresses, files that must be
/// readable, numbers that must be in range. Every problem is collected; nothing stops at the first.
/// </summary>
public static class ConfigValidator
{
    public static readonly IReadOnlySet<string> BuiltInWebAcls = new HashSet<string> { "default", "none" };
    public static readonly IReadOnlySet<string> BuiltInCachePolicies = new HashSet<string> { "default", "disabled" };

    public static void Validate(GatewayConfig config, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        ValidateListeners(config, map, errors);
        ValidateTls(config, map, baseDirectory, errors);
        ValidateAdmin(config, map, errors);
        ValidateClientIp(config, map, errors);
        ValidateOrigins(config, map, errors);
        ValidateRoutes(config, map, errors);
        ValidateLogs(config, map, errors);
        ValidateGeo(config, map, baseDirectory, errors);
        Waf.WafConfigValidator.Validate(config, map, errors, baseDirectory);
        Shield.ShieldConfigValidator.Validate(config, map, errors);
        Notifications.NotificationsConfigValidator.Validate(config, map, baseDirectory, errors);
        Automations.AutomationsConfigValidator.Validate(config, map, errors);
        Cache.CacheConfigValidator.Validate(config, map, errors);
        Shield.AttackProtectionConfigValidator.Validate(config.Shield, map, errors);
        Functions.FunctionConfigValidator.Validate(config, map, baseDirectory, errors);
        if (string.IsNullOrWhiteSpace(config.DataDir))
        {
            errors.Add(map.Error("data_dir", "data_dir is empty", "set a folder such as ./rempart-data"));
        }
    }

    private static void ValidateListeners(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        if (config.Listen.Count == 0)
        {
            errors.Add(map.Error("listen", "no listener is configured", "add an address such as http://0.0.0.0:8080"));
        }

        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < config.Listen.Count; i++)
        {
            var path = $"listen[{i}]";
            if (!ListenAddress.TryParse(config.Listen[i], out var address, out var problem))
            {
                errors.Add(map.Error(path, problem!, "write scheme://ip:port, e.g. http://0.0.0.0:8080 or https://[::]:443"));
                continue;
            }

            if (address!.Https && (config.Tls is null || config.Tls.Certificates.Count == 0))
            {
                errors.Add(map.Error(path, "an https listener needs a certificate", "add tls.certificates with cert_file and key_file"));
            }

            if (address.Port != 0 && !seen.Add((address.Address.ToString(), address.Port)))
            {
                errors.Add(map.Error(path, $"address {config.Listen[i]} is listed twice", "remove the duplicate"));
            }
        }
    }

    private static void ValidateTls(GatewayConfig config, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        if (config.Tls is null)
        {
            return;
        }

        if (config.Tls.Certificates.Count == 0)
        {
            errors.Add(map.Error("tls.certificates", "no certificate is listed", "add at least one { cert_file, key_file }"));
        }

        for (var i = 0; i < config.Tls.Certificates.Count; i++)
        {
            var c = config.Tls.Certificates[i];
            var path = $"tls.certificates[{i}]";
            try
            {
                using var cert = X509Certificate2.CreateFromPemFile(ConfigPaths.Resolve(baseDirectory, c.CertFile), ConfigPaths.Resolve(baseDirectory, c.KeyFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                errors.Add(map.Error($"{path}.cert_file", $"cannot load the certificate or its key: {e.Message.TrimEnd('.')}", "check that both files exist, are readable and hold PEM data that belong together"));
            }

            for (var h = 0; h < c.Hosts.Count; h++)
            {
                if (!HostPattern.IsValid(c.Hosts[h]))
                {
                    errors.Add(map.Error($"{path}.hosts[{h}]", $"'{c.Hosts[h]}' is not a host name", "write example.com or *.example.com"));
                }
            }
        }
    }

    private static void ValidateAdmin(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        if (!config.Admin.Enabled)
        {
            return;
        }

        if (!ListenAddress.TryParse(config.Admin.Listen, out var admin, out var problem))
        {
            errors.Add(map.Error("admin.listen", problem!, "write http://127.0.0.1:9901"));
        }
        else if (admin!.Https)
        {
            errors.Add(map.Error("admin.listen", "the admin listener speaks plain http on loopback", "use http://127.0.0.1:PORT and put TLS in front if it must leave the machine"));
        }
        else
        {
            foreach (var listen in config.Listen)
            {
                if (ListenAddress.TryParse(listen, out var l, out _) && l!.Port == admin.Port && admin.Port != 0 &&
                    (l.Address.Equals(admin.Address) || l.Address.Equals(System.Net.IPAddress.Any) || admin.Address.Equals(System.Net.IPAddress.Any)))
                {
                    errors.Add(map.Error("admin.listen", $"port {admin.Port} is also a gateway listener", "give the admin API its own port"));
                }
            }
        }
    }

    private static void ValidateClientIp(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        for (var i = 0; i < config.ClientIp.TrustedProxies.Count; i++)
        {
            if (!CidrParser.TryParse(config.ClientIp.TrustedProxies[i], out _))
            {
                errors.Add(map.Error($"client_ip.trusted_proxies[{i}]", $"'{config.ClientIp.TrustedProxies[i]}' is not an IP address or CIDR", "write 10.0.0.0/8 or 2001:db8::/32 (no host bits after the prefix)"));
            }
        }

        if (string.IsNullOrWhiteSpace(config.ClientIp.ForwardedHeader))
        {
            errors.Add(map.Error("client_ip.forwarded_header", "the header name is empty", "use X-Forwarded-For"));
        }

        if (string.IsNullOrWhiteSpace(config.ClientIp.RequestIdHeader))
        {
            errors.Add(map.Error("client_ip.request_id_header", "the header name is empty", "use X-Request-Id"));
        }
    }

    private static void ValidateOrigins(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        if (config.Origins.Count == 0)
        {
            errors.Add(map.Error("origins", "no origin is defined", "add one, e.g. app: { targets: [\"http://127.0.0.1:3000\"] }"));
        }

        foreach (var (name, origin) in config.Origins)
        {
            var path = $"origins.{name}";
            if (origin.Failover is { } failover)
            {
                if (origin.Targets.Count > 0)
                {
                    errors.Add(map.Error(path, "an origin has either targets or failover, not both", "move the targets into their own origin and name it as primary or secondary"));
                }

                ValidateGroupMember(config, map, errors, $"{path}.failover.primary", failover.Primary);
                ValidateGroupMember(config, map, errors, $"{path}.failover.secondary", failover.Secondary);
                if (failover.Primary == failover.Secondary && failover.Primary.Length > 0)
                {
                    errors.Add(map.Error($"{path}.failover.secondary", "primary and secondary are the same origin", "name a different origin"));
                }

                for (var i = 0; i < failover.Statuses.Count; i++)
                {
                    if (failover.Statuses[i] is < 400 or > 599)
                    {
                        errors.Add(map.Error($"{path}.failover.statuses[{i}]", $"{failover.Statuses[i]} is not an error status", "use statuses from 400 to 599"));
                    }
                }

                continue;
            }

            if (origin.Targets.Count == 0)
            {
                errors.Add(map.Error(path, "the origin has no targets", "add targets: [\"http://host:port\"], or failover: { primary, secondary }"));
            }

            for (var i = 0; i < origin.Targets.Count; i++)
            {
                var t = origin.Targets[i];
                if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https") || uri.Host.Length == 0)
                {
                    errors.Add(map.Error($"{path}.targets[{i}]", $"'{t}' is not an http:// or https:// URL", "write http://10.0.0.5:8080"));
                }
            }

            Positive(map, errors, $"{path}.connect_timeout", origin.ConnectTimeout);
            Positive(map, errors, $"{path}.response_timeout", origin.ResponseTimeout);
            if (origin.HealthCheck.Active is { } active)
            {
                var a = $"{path}.health_check.active";
                if (!active.Path.StartsWith('/'))
                {
                    errors.Add(map.Error($"{a}.path", $"'{active.Path}' does not start with /", "write /healthz"));
                }

                Positive(map, errors, $"{a}.interval", active.Interval);
                Positive(map, errors, $"{a}.timeout", active.Timeout);
                AtLeastOne(map, errors, $"{a}.healthy_threshold", active.HealthyThreshold);
                AtLeastOne(map, errors, $"{a}.unhealthy_threshold", active.UnhealthyThreshold);
            }

            AtLeastOne(map, errors, $"{path}.health_check.passive.consecutive_failures", origin.HealthCheck.Passive.ConsecutiveFailures);
            Positive(map, errors, $"{path}.health_check.passive.reactivation_period", origin.HealthCheck.Passive.ReactivationPeriod);
        }
    }

    private static void ValidateGroupMember(GatewayConfig config, SourceMap map, List<ConfigError> errors, string path, string name)
    {
        if (!config.Origins.TryGetValue(name, out var member))
        {
            errors.Add(map.Error(path, $"origin '{name}' is not defined", Suggestions.DidYouMean(name, config.Origins.Keys)));
        }
        else if (member.Failover is not null)
        {
            errors.Add(map.Error(path, $"origin '{name}' is itself an origin group", "name an origin with targets"));
        }
    }

    private static void ValidateRoutes(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        if (config.Routes.Count == 0)
        {
            errors.Add(map.Error("routes", "no route is defined", "add - match: { hosts: [\"*\"], paths: [\"/\"] } with an origin"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Routes.Count; i++)
        {
            var route = config.Routes[i];
            var path = $"routes[{i}]";
            if (route.Name is { } name && !names.Add(name))
            {
                errors.Add(map.Error($"{path}.name", $"route name '{name}' is used twice", "give each route its own name"));
            }

            if (!config.Origins.ContainsKey(route.Origin))
            {
                errors.Add(map.Error($"{path}.origin", $"origin '{route.Origin}' is not defined", Suggestions.DidYouMean(route.Origin, config.Origins.Keys)));
            }

            if (!BuiltInWebAcls.Contains(route.WebAcl) && !config.WebAcls.ContainsKey(route.WebAcl))
            {
                errors.Add(map.Error($"{path}.web_acl", $"web ACL '{route.WebAcl}' is not defined", Suggestions.DidYouMean(route.WebAcl, BuiltInWebAcls.Concat(config.WebAcls.Keys))));
            }

            if (!BuiltInCachePolicies.Contains(route.Cache) && !config.Cache.Policies.ContainsKey(route.Cache))
            {
                errors.Add(map.Error($"{path}.cache", $"cache policy '{route.Cache}' is not defined", Suggestions.DidYouMean(route.Cache, BuiltInCachePolicies.Concat(config.Cache.Policies.Keys))));
            }

            for (var h = 0; h < route.Match.Hosts.Count; h++)
            {
                if (!HostPattern.IsValid(route.Match.Hosts[h]))
                {
                    errors.Add(map.Error($"{path}.match.hosts[{h}]", $"'{route.Match.Hosts[h]}' is not a host pattern", "write example.com, *.example.com or *"));
                }
            }

            if (route.Match.Paths.Count == 0 && route.Match.ExactPaths.Count == 0)
            {
                errors.Add(map.Error($"{path}.match", "the route matches no path", "add paths: [\"/\"] to take every path"));
            }

            CheckPaths(map, errors, $"{path}.match.paths", route.Match.Paths);
            CheckPaths(map, errors, $"{path}.match.exact_paths", route.Match.ExactPaths);
        }
    }

    private static void CheckPaths(SourceMap map, List<ConfigError> errors, string path, IReadOnlyList<string> paths)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            if (!paths[i].StartsWith('/') || paths[i].Contains('?') || paths[i].Contains('*'))
            {
                errors.Add(map.Error($"{path}[{i}]", $"'{paths[i]}' is not a path", "write a path that starts with / (no query, no wildcard: prefixes already match what follows)"));
            }
        }
    }

    private static void ValidateGeo(GatewayConfig config, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        foreach (var (key, file) in new[] { ("geo.database", config.Geo.Database), ("geo.asn_database", config.Geo.AsnDatabase) })
        {
            if (file is null)
            {
                continue;
            }

            try
            {
                using var reader = new MaxMind.Db.Reader(ConfigPaths.Resolve(baseDirectory, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MaxMind.Db.InvalidDatabaseException or ArgumentException)
            {
                errors.Add(map.Error(key, $"cannot open the database: {e.Message.TrimEnd('.')}", "point it at a readable MaxMind-format .mmdb file"));
            }
        }
    }

    private static void ValidateLogs(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        AtLeastOne(map, errors, "logs.access.max_files", config.Logs.Access.MaxFiles);
        AtLeastOne(map, errors, "logs.access.queue_capacity", config.Logs.Access.QueueCapacity);
        AtLeastOne(map, errors, "logs.event_queue_capacity", config.Logs.EventQueueCapacity);
        if (config.Logs.Access.MaxSize.Bytes < 4096)
        {
            errors.Add(map.Error("logs.access.max_size", "the rotation size is too small", "use at least 4KiB, e.g. 100MiB"));
        }
    }

    private static void Positive(SourceMap map, List<ConfigError> errors, string path, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(map.Error(path, "the duration must be greater than zero", "write e.g. 5s"));
        }
    }

    private static void AtLeastOne(SourceMap map, List<ConfigError> errors, string path, int value)
    {
        if (value < 1)
        {
            errors.Add(map.Error(path, $"{value} is too small", "use 1 or more"));
        }
    }
}
