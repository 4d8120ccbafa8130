namespace Rempart.Gateway.Functions.Edge;

/// <summary>event.context and event.viewer of the CloudFront event: who asked, through which host, under which request id.</summary>
public sealed record EdgeContext(string DomainName, string DistributionId, string RequestId, string ViewerIp);
