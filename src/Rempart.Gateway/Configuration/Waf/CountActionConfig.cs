namespace Rempart.Gateway.Configuration.Waf;

public sealed record CountActionConfig;
