namespace Rempart.Gateway.Configuration.Notifications;

/// <summary>
/// Reads a secret named by an environment variable or a file, never from the config text itself,
/// so configs can be shared and committed. Problems name the variable or file, never the value.
/// </summary>
public static class SecretReader
{
    public static string? Read(string? env, string? file, string baseDirectory, out string? problem)
    {
        problem = null;
        if (env is not null)
        {
            var value = Environment.GetEnvironmentVariable(env);
            if (string.IsNullOrEmpty(value))
            {
                problem = $"environment variable {env} is not set";
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        if (file is not null)
        {
            try
            {
                var value = File.ReadAllText(ConfigPaths.Resolve(baseDirectory, file)).Trim();
                if (value.Length == 0)
                {
                    problem = $"file {file} is empty";
                    return null;
                }

                return value;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot read {file}: {e.Message.TrimEnd('.')}";
                return null;
            }
        }

        return null;
    }
}
