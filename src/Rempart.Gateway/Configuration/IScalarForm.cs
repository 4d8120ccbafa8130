namespace Rempart.Gateway.Configuration;

/// <summary>
/// A config record that may also be written as one word, e.g. <c>action: block</c> for
/// <c>action: { block: {} }</c> or <c>field: uri_path</c>. The binder calls <see cref="TryFromScalar"/>
/// when it finds a scalar where the record is expected.
/// </summary>
public interface IScalarForm<TSelf> where TSelf : class
{
    /// <summary>The words accepted as a scalar, for error messages and the JSON Schema.</summary>
    static abstract IReadOnlyList<string> ScalarForms { get; }

    static abstract TSelf? FromScalar(string text);
}
