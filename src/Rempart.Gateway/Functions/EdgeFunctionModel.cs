using Rempart.Gateway.Configuration.Functions;

namespace Rempart.Gateway.Functions;

/// <summary>A compiled viewer-request or viewer-response function: its runtime (engine pool) and what a failure does.</summary>
public sealed class EdgeFunctionModel(string name, FunctionTrigger trigger, FunctionErrorMode onError, FunctionRuntime runtime)
{
    public string Name { get; } = name;

    public FunctionTrigger Trigger { get; } = trigger;

    public FunctionErrorMode OnError { get; } = onError;

    public FunctionRuntime Runtime { get; } = runtime;

    /// <summary>The trigger's wire name: viewer_request or viewer_response.</summary>
    public string TriggerName { get; } = Configuration.ConfigNaming.ToSnakeCase(trigger.ToString());
}
