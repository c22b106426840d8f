using System.Text;

namespace MusicSite.Tests.Events;

/// <summary>
/// A strict little iCalendar (RFC 5545) reader for the tests: every line ends in CRLF, no physical line is longer than
/// 75 octets, folded lines continue with one space, BEGIN/END nest and balance, and TEXT values unescape. Anything
/// else throws, so a test that parses a file also checks its form.
/// </summary>
public static class CalendarParser
{
    public sealed record Component(string Name, List<(string Name, string Value)> Properties, List<Component> Children)
    {
        public string? Value(string name) => Properties.FirstOrDefault(p => p.Name == name).Value;
        public string Text(string name) => Unescape(Value(name) ?? throw new FormatException($"{Name} has no {name}."));
    }

    public static Component Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false, true).GetString(bytes);
        if (!text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("The file does not end with CRLF.");
        }
        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            if (line.Contains('\r') || line.Contains('\n'))
            {
                throw new FormatException($"A bare CR or LF in: {line}");
            }
            if (Encoding.UTF8.GetByteCount(line) > 75)
            {
                throw new FormatException($"A line of {Encoding.UTF8.GetByteCount(line)} octets: {line}");
            }
        }
        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                if (logical.Count == 0)
                {
                    throw new FormatException("The file starts with a continuation line.");
                }
                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }
        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in logical)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"Not a content line: {line}");
            }
            var name = line[..colon].Split(';')[0];
            var value = line[(colon + 1)..];
            if (name == "BEGIN")
            {
                var component = new Component(value, [], []);
                if (stack.Count == 0)
                {
                    root = root is null ? component : throw new FormatException("Two top-level components.");
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }
                stack.Push(component);
            }
            else if (name == "END")
            {
                if (stack.Count == 0 || stack.Pop().Name != value)
                {
                    throw new FormatException($"END:{value} does not close the open component.");
                }
            }
            else
            {
                (stack.Count > 0 ? stack.Peek() : throw new FormatException($"A property outside any component: {line}")).Properties.Add((name, value));
            }
        }
        if (stack.Count > 0 || root is null)
        {
            throw new FormatException("Unbalanced BEGIN/END.");
        }
        return root;
    }

    /// <summary>A TEXT value read back: \\ \; \, \n (or \N); any other backslash, or a bare ; or , is an error.</summary>
    public static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ';' or ',')
            {
                throw new FormatException($"An unescaped '{c}' in TEXT: {value}");
            }
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (++i >= value.Length)
            {
                throw new FormatException($"A TEXT value ends in a backslash: {value}");
            }
            text.Append(value[i] switch
            {
                '\\' => '\\', ';' => ';', ',' => ',', 'n' or 'N' => '\n',
                _ => throw new FormatException($"Unknown escape \\{value[i]} in: {value}"),
            });
        }
        return text.ToString();
    }
}
