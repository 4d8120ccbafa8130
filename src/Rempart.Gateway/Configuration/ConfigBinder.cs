using System.Collections;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// Binds a YAML node tree to the config records, collecting every problem instead of stopping at
/// the first: unknown keys (with "did you mean"), wrong types, malformed durations and sizes,
/// missing required keys. Each value's position goes into the <see cref="SourceMap"/> for later checks.
/// </summary>
internal sealed class ConfigBinder(SourceMap map, List<ConfigError> errors)
{
    /// <summary>Sections of the config language that later releases fill in; named so the error says so.</summary>
    private static readonly HashSet<string> FutureSections =
        ["cluster"];

    public object? Bind(YamlNode node, Type type, string path)
    {
        map.Record(path, (int)node.Start.Line, (int)node.Start.Column);
        var underlying = Nullable.GetUnderlyingType(type);
        if (IsNull(node))
        {
            if (underlying is not null || !type.IsValueType)
            {
                return null;
            }

            errors.Add(map.Error(path, "a value is required here", null));
            return null;
        }

        type = underlying ?? type;
        if (ConfigTypeInfo.ListElement(type) is { } element)
        {
            return BindList(node, element, path);
        }

        if (ConfigTypeInfo.MapValue(type) is { } value)
        {
            return BindMap(node, value, path);
        }

        if (ConfigTypeInfo.IsRecord(type))
        {
            return BindRecord(node, type, path);
        }

        return BindScalar(node, type, path);
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null");

    private object? BindRecord(YamlNode node, Type type, string path)
    {
        if (node is YamlScalarNode scalar && ConfigTypeInfo.ScalarForms(type) is { } forms)
        {
            var value = ConfigTypeInfo.FromScalar(type, scalar.Value ?? "");
            if (value is null)
            {
                errors.Add(map.Error(path, $"'{scalar.Value}' is not a valid value here", Suggestions.DidYouMean(scalar.Value ?? "", forms.Concat(ConfigTypeInfo.For(type).Keys.Keys).Distinct())));
            }

            return value;
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(map.Error(path, $"expected a mapping of keys, found {Describe(node)}", "write the keys on indented lines below, or as { key: value }"));
            return null;
        }

        var info = ConfigTypeInfo.For(type);
        var instance = Activator.CreateInstance(type)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = path.Length == 0 ? key : $"{path}.{key}";
            map.Record(keyPath, (int)keyNode.Start.Line, (int)keyNode.Start.Column);
            if (!seen.Add(key))
            {
                errors.Add(map.Error(keyPath, $"key '{key}' appears twice", "keep one of them"));
                continue;
            }

            if (!info.Keys.TryGetValue(key, out var configKey))
            {
                errors.Add(UnknownKey(path, key, keyPath, info));
                continue;
            }

            var bound = Bind(valueNode, configKey.Property.PropertyType, keyPath);
            if (bound is not null)
            {
                configKey.Property.SetValue(instance, bound);
            }
        }

        foreach (var required in info.Keys.Values.Where(k => k.Required && !seen.Contains(k.Name)))
        {
            errors.Add(map.Error(path, $"required key '{required.Name}' is missing", $"add '{required.Name}:' ({required.Doc})"));
        }

        return instance;
    }

    private ConfigError UnknownKey(string path, string key, string keyPath, ConfigTypeInfo info)
    {
        if (path.Length == 0 && FutureSections.Contains(key))
        {
            return map.Error(keyPath, $"section '{key}' is not supported by this version of Rempart yet", "remove it; it would not be enforced");
        }

        var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
        return map.Error(keyPath, $"unknown key '{key}' {where}", Suggestions.DidYouMean(key, info.Keys.Keys));
    }

    private object? BindList(YamlNode node, Type element, string path)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        if (node is YamlSequenceNode sequence)
        {
            var i = 0;
            foreach (var item in sequence.Children)
            {
                var value = Bind(item, element, $"{path}[{i++}]");
                if (value is not null)
                {
                    list.Add(value);
                }
            }

            return list;
        }

        // A single scalar where a list of scalars is expected is accepted: `hosts: example.com`.
        if (node is YamlScalarNode && !ConfigTypeInfo.IsRecord(element))
        {
            var value = Bind(node, element, $"{path}[0]");
            if (value is not null)
            {
                list.Add(value);
            }

            return list;
        }

        errors.Add(map.Error(path, $"expected a list, found {Describe(node)}", "write items as '- item' lines or as [a, b]"));
        return null;
    }

    private object? BindMap(YamlNode node, Type valueType, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(map.Error(path, $"expected a mapping of names, found {Describe(node)}", "write 'name:' lines below it"));
            return null;
        }

        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = $"{path}.{key}";
            map.Record(keyPath, (int)keyNode.Start.Line, (int)keyNode.Start.Column);
            if (dictionary.Contains(key))
            {
                errors.Add(map.Error(keyPath, $"'{key}' is defined twice", "rename or remove one of them"));
                continue;
            }

            var value = Bind(valueNode, valueType, keyPath);
            if (value is not null)
            {
                dictionary[key] = value;
            }
        }

        return dictionary;
    }

    private object? BindScalar(YamlNode node, Type type, string path)
    {
        if (node is not YamlScalarNode scalar)
        {
            errors.Add(map.Error(path, $"expected {ScalarName(type)}, found {Describe(node)}", null));
            return null;
        }

        var text = scalar.Value ?? "";
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }

        if (type == typeof(long) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        if (type == typeof(bool) && bool.TryParse(text, out var b))
        {
            return b;
        }

        if (type == typeof(TimeSpan) && Duration.TryParse(text, out var ts))
        {
            return ts;
        }

        if (type == typeof(ByteSize) && ByteSize.TryParse(text, out var size))
        {
            return size;
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).ToDictionary(ConfigNaming.ToSnakeCase, n => n, StringComparer.Ordinal);
            if (names.TryGetValue(text, out var name))
            {
                return Enum.Parse(type, name);
            }

            errors.Add(map.Error(path, $"'{text}' is not a valid value", Suggestions.DidYouMean(text, names.Keys)));
            return null;
        }

        errors.Add(map.Error(path, $"expected {ScalarName(type)}, found '{text}'", FixFor(type)));
        return null;
    }

    private static string ScalarName(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration",
        _ when type == typeof(ByteSize) => "a size",
        _ => "a text value",
    };

    private static string? FixFor(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "write a number with a unit: 250ms, 30s, 5m, 4h, 7d",
        _ when type == typeof(ByteSize) => "write a number with a unit: 512, 16KiB, 10MiB, 1GiB",
        _ when type == typeof(bool) => "write true or false",
        _ => null,
    };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
