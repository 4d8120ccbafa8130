using System.Text;

namespace Rempart.Gateway.Configuration;

/// <summary>PascalCase property and enum names ↔ the snake_case keys of the YAML file.</summary>
public static class ConfigNaming
{
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
