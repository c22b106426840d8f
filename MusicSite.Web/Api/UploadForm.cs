using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MusicSite.Catalog;
using MusicSite.Hosting;
using MusicSite.Media;
namespace MusicSite.Web.Api;

/// <summary>
/// A multipart upload read section by section: text fields into memory (small, capped), the <c>audio</c>
/// and <c>artwork</c> files straight to staged files on disk, each under its own size cap.
/// </summary>
public sealed class UploadForm : IDisposable
{
    private const int MaxFieldChars = 16 * 1024;
    private const int MaxFields = 200;

    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.OrdinalIgnoreCase);

    public StagedFile? Audio { get; private set; }
    public string? AudioFileName { get; private set; }
    public StagedFile? Artwork { get; private set; }

    public IReadOnlyList<string> Values(string name) => _fields.TryGetValue(name, out var v) ? v : [];
    public string? Value(string name) => Values(name).FirstOrDefault();

    public TrackMetadataInput ToMetadata() => TrackFormFields.ToInput(Values);

    /// <exception cref="UploadTooLargeException">a file passed its cap (nothing of it is kept)</exception>
    /// <exception cref="InvalidDataException">the body is not well-formed multipart</exception>
    public static async Task<UploadForm> ReadAsync(HttpRequest request, UploadStaging staging, UploadOptions limits,
        CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new InvalidDataException("The multipart body has no boundary.");
        }
        var reader = new MultipartReader(boundary, request.Body);
        var form = new UploadForm();
        try
        {
            var fields = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                // IsFormDisposition() would mean "a field that is not a file"; both kinds are wanted here.
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (name.Equals("audio", StringComparison.OrdinalIgnoreCase) && form.Audio is null)
                    {
                        form.Audio = await staging.StageAsync(section.Body, limits.MaxUploadBytes, cancellationToken);
                        form.AudioFileName = fileName;
                    }
                    else if (name.Equals("artwork", StringComparison.OrdinalIgnoreCase) && form.Artwork is null)
                    {
                        var artwork = await staging.StageAsync(section.Body, limits.MaxArtworkBytes, cancellationToken);
                        if (artwork.Length > 0)
                        {
                            form.Artwork = artwork;
                        }
                        else
                        {
                            artwork.Dispose();
                        }
                    }
                    continue;
                }
                if (++fields > MaxFields)
                {
                    throw new InvalidDataException("Too many form fields.");
                }
                form.Add(name, await ReadCappedAsync(section.Body, cancellationToken));
            }
            return form;
        }
        catch
        {
            form.Dispose();
            throw;
        }
    }

    private void Add(string name, string value)
    {
        if (!_fields.TryGetValue(name, out var list))
        {
            _fields[name] = list = [];
        }
        list.Add(value);
    }

    private static async Task<string> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxFieldChars + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxFieldChars)
        {
            throw new InvalidDataException($"A form field is longer than {MaxFieldChars} characters.");
        }
        return new string(buffer, 0, read);
    }

    public void Dispose()
    {
        Audio?.Dispose();
        Artwork?.Dispose();
    }
}

/// <summary>The track form's field names, shared by the upload page and the API.</summary>
public static class TrackFormFields
{
    public static TrackMetadataInput ToInput(Func<string, IReadOnlyList<string>> values) => new()
    {
        Title = values("title").FirstOrDefault(),
        Artist = values("artist").FirstOrDefault(),
        Description = values("description").FirstOrDefault(),
        Tags = values("tags"),
        Genres = values("genres"),
        Bpm = values("bpm").FirstOrDefault(),
        Key = values("key").FirstOrDefault(),
        License = values("license").FirstOrDefault(),
        IsPublic = values("isPublic").LastOrDefault(),
        IsDownloadable = values("isDownloadable").LastOrDefault(),
        AlbumId = values("albumId").FirstOrDefault(),
        TrackNumber = values("trackNumber").FirstOrDefault(),
    };
}
