using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>A stem as the write routes answer it (upload, edit): its fields, rights and processing state.</summary>
public sealed record StemWritten(int Id, int TrackId, string Name, int InstrumentTypeId, string Instrument, string? Key, int? Bpm,
    LicenseRef License, bool RemixAllowed, bool CommercialAllowed, bool AttributionRequired, bool IsDownloadable,
    double? DurationSeconds, ProcessingInfo Processing, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Reads <see cref="StemWritten"/> for a stem the caller just wrote.</summary>
public sealed class StemWrittenReader(MusicSiteDbContext db)
{
    public async Task<StemWritten> ReadAsync(int stemId, CancellationToken cancellationToken)
    {
        var s = await db.Stems.AsNoTracking().Include(x => x.InstrumentType).Include(x => x.License)
            .FirstAsync(x => x.Id == stemId, cancellationToken);
        return new StemWritten(s.Id, s.TrackId, s.Name, s.InstrumentTypeId, s.InstrumentType!.Name, s.Key, s.Bpm,
            new LicenseRef(s.License!.Code, s.License.Name, s.License.Url), s.RemixAllowed, s.CommercialAllowed,
            s.AttributionRequired, s.IsDownloadable, s.DurationSeconds,
            new ProcessingInfo(s.State.ToString().ToLowerInvariant(), s.ProcessingProgress, s.ProcessingStep, s.ProcessingError,
                s.ProcessingAttempts),
            s.CreatedAt, s.UpdatedAt);
    }
}
