using System.Text.Json;

namespace MusicSite.Web.Components.Pages.Admin.Audit;

/// <summary>An audit entry's recorded values, indented for reading; "(none)" for a creation's before or a deletion's after.</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(string? json)
    {
        if (json is null)
        {
            return "(none)";
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
