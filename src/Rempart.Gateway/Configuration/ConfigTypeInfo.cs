using System.Collections.Concurrent;
using System.Reflection;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// The keys of one config record type, read once by reflection. Shared by the binder (YAML → records)
/// and the schema writer (records → JSON Schema), so both always agree on the language.
/// </summary>
public sealed class ConfigTypeInfo
{
    private static readonly ConcurrentDictionary<Type, ConfigTypeInfo> Cache = new();

    private ConfigTypeInfo(Type type)
    {
        Type = type;
        Keys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new ConfigKey(
                ConfigNaming.ToSnakeCase(p.Name),
                p,
                p.GetCustomAttribute<RequiredKeyAttribute>() is not null,
                p.GetCustomAttribute<ConfigDocAttribute>()?.Text))
            .ToDictionary(k => k.Name, StringComparer.Ordinal);
    }

    public Type Type { get; }

    public IReadOnlyDictionary<string, ConfigKey> Keys { get; }

    public static ConfigTypeInfo For(Type type) => Cache.GetOrAdd(type, t => new ConfigTypeInfo(t));

    /// <summary>Is this type a record of keys (as opposed to a scalar, list or map)?</summary>
    public static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && (type.Namespace ?? "").StartsWith(typeof(GatewayConfig).Namespace!, StringComparison.Ordinal)
        && type.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>The scalar words a record accepts in place of a mapping (see <see cref="IScalarForm{TSelf}"/>), or null.</summary>
    public static IReadOnlyList<string>? ScalarForms(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IScalarForm<>))
            ? (IReadOnlyList<string>)type.GetProperty("ScalarForms", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!
            : null;

    public static object? FromScalar(Type type, string text) =>
        type.GetMethod("FromScalar", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [text]);

    public static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    public static Type? MapValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) ? type.GetGenericArguments()[1] : null;
}

public sealed record ConfigKey(string Name, PropertyInfo Property, bool Required, string? Doc);
