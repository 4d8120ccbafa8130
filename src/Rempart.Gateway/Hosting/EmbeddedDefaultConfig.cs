namespace Rempart.Gateway.Hosting;

/// <summary>
/// The config `rempart run` uses when no file is given: DESIGN.md's smallest config, pointed at the
/// built-in demo origin. Kept as YAML text so it goes through exactly the loader a file does.
/// </summary>
public static class EmbeddedDefaultConfig
{
    public const string FileName = "<embedded default>";

    public static string Text(Uri demoOrigin) => $$"""
        listen: ["http://127.0.0.1:8080"]
        admin: { listen: "http://127.0.0.1:9901" }
        data_dir: ./rempart-data
        origins:
          app:
            targets: ["{{demoOrigin.GetLeftPart(UriPartial.Authority)}}"]
            health_check:
              active: { path: /healthz, interval: 5s, timeout: 2s }
        routes:
          - match: { hosts: ["*"], paths: ["/"] }
            origin: app
            web_acl: default      # built-in: Rempart's managed rule groups; `none` turns the WAF off
            cache: default        # built-in: honour the origin's cache headers; `disabled` bypasses
        """;
}
