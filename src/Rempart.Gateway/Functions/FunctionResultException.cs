namespace Rempart.Gateway.Functions;

/// <summary>The handler returned something Rempart cannot use (no object, a bad status, a header with a line break).</summary>
public sealed class FunctionResultException(string message) : Exception(message);
