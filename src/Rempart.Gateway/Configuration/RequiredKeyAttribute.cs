namespace Rempart.Gateway.Configuration;

/// <summary>Marks a config key that must be present; the binder reports its absence with the parent's position.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredKeyAttribute : Attribute;
