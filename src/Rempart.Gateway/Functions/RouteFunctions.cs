namespace Rempart.Gateway.Functions;

/// <summary>The edge functions of one route, in config order, resolved at load so a request does no lookup by name.</summary>
public sealed record RouteFunctions(EdgeFunctionModel[] ViewerRequest, EdgeFunctionModel[] ViewerResponse);
