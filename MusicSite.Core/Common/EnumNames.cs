namespace MusicSite.Common;

/// <summary>
/// Reads a choice from a fixed list by its name. Enum.TryParse alone is too loose for input: it takes numbers
/// ("2"), and comma lists ("low,high") that it ORs into some other member.
/// </summary>
public static class EnumNames
{
    /// <summary>True when <paramref name="text"/> is exactly one member's name (any case).</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>(name);
                return true;
            }
        }
        value = default;
        return false;
    }
}
