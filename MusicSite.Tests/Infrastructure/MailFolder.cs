using System.Text;
using System.Text.RegularExpressions;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Reads the .eml files MusicSite drops in the data directory's mail/ folder.</summary>
public static partial class MailFolder
{
    public static IReadOnlyList<string> MessagesTo(string mailDirectory, string address) =>
        Directory.Exists(mailDirectory)
            ? Directory.GetFiles(mailDirectory, "*.eml")
                .OrderBy(File.GetLastWriteTimeUtc)
                .Select(f => Decode(File.ReadAllText(f)))
                .Where(m => m.Contains(address, StringComparison.OrdinalIgnoreCase))
                .ToList()
            : [];

    /// <summary>The first link in the newest message to <paramref name="address"/> whose path is <paramref name="path"/>.</summary>
    public static string LinkTo(string mailDirectory, string address, string path)
    {
        var message = MessagesTo(mailDirectory, address).LastOrDefault(m => m.Contains(path, StringComparison.Ordinal))
                      ?? throw new Xunit.Sdk.XunitException($"No mail to {address} with a {path} link.");
        return LinkPattern().Matches(message).Select(m => m.Value).First(l => l.Contains(path, StringComparison.Ordinal));
    }

    /// <summary>Undoes the quoted-printable or base64 body encoding SmtpClient may use.</summary>
    private static string Decode(string raw)
    {
        var parts = raw.Split("\r\n\r\n", 2);
        if (parts.Length < 2)
        {
            return raw;
        }
        var headers = parts[0];
        var body = parts[1];
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))));
        }
        else if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            body = QuotedPrintable(body);
        }
        return headers + "\r\n\r\n" + body;
    }

    private static string QuotedPrintable(string body)
    {
        var joined = body.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkPattern();
}
