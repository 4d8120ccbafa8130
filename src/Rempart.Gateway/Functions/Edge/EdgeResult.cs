namespace Rempart.Gateway.Functions.Edge;

/// <summary>What a viewer-request function returned: the request to go on with, or a response to answer with at once.</summary>
public sealed record EdgeResult(EdgeRequest? Request, EdgeResponse? Response);
