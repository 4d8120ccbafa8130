namespace Rempart.Gateway.Configuration.Functions;

/// <summary>When a function runs: on the viewer's request, on the response going back to it, or on gateway events.</summary>
public enum FunctionTrigger
{
    ViewerRequest,
    ViewerResponse,
    Event,
}
