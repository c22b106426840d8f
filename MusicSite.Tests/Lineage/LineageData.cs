using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Tests.Lineage;

/// <summary>Rows for lineage tests, written straight to the database: accounts, tracks without audio (the lineage
/// reads no media), stems, links and stem uses.</summary>
public sealed class LineageData(IServiceProvider services)
{
    private async Task<T> WithDbAsync<T>(Func<MusicSiteDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
    }

    public Task<int> UserAsync(string name) => WithDbAsync(async db =>
    {
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            DisplayName = name, CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

    public Task<int> TrackAsync(int ownerId, string title, string license = "cc-by", bool isPublic = true, bool deleted = false) =>
        WithDbAsync(async db =>
        {
            var track = new Track
            {
                Title = title, ArtistName = $"Artist of {title}", UploaderId = ownerId, IsPublic = isPublic, State = TrackState.Ready,
                LicenseId = await db.Licenses.Where(l => l.Code == license).Select(l => l.Id).SingleAsync(),
                MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                DeletedAt = deleted ? DateTime.UtcNow : null,
            };
            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            return track.Id;
        });

    public Task<int> StemAsync(int trackId, string name, string license = "cc-by", bool remixAllowed = true, bool commercialAllowed = true,
        bool deleted = false) => WithDbAsync(async db =>
    {
        var track = await db.Tracks.SingleAsync(t => t.Id == trackId);
        var stem = new Stem
        {
            TrackId = trackId, Name = name, InstrumentTypeId = await db.InstrumentTypes.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(),
            LicenseId = await db.Licenses.Where(l => l.Code == license).Select(l => l.Id).SingleAsync(),
            RemixAllowed = remixAllowed, CommercialAllowed = commercialAllowed, AttributionRequired = true, UploaderId = track.UploaderId,
            MediaFolder = Guid.NewGuid().ToString("N"), State = TrackState.Ready, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            DeletedAt = deleted ? DateTime.UtcNow : null,
        };
        db.Stems.Add(stem);
        await db.SaveChangesAsync();
        return stem.Id;
    });

    public Task<int> LinkAsync(int originalId, int derivativeId, RelationKind kind = RelationKind.Remix, LinkStatus status = LinkStatus.Approved) =>
        WithDbAsync(async db =>
        {
            var requester = await db.Tracks.Where(t => t.Id == derivativeId).Select(t => t.UploaderId).SingleAsync();
            var link = new TrackRelation
            {
                OriginalId = originalId, DerivativeId = derivativeId, Kind = kind, Status = status, RequestedById = requester,
                CreatedAt = DateTime.UtcNow,
            };
            db.TrackRelations.Add(link);
            await db.SaveChangesAsync();
            return link.Id;
        });

    public Task<int> UseStemAsync(int stemId, int trackId, LinkStatus status = LinkStatus.Approved) => WithDbAsync(async db =>
    {
        var requester = await db.Tracks.Where(t => t.Id == trackId).Select(t => t.UploaderId).SingleAsync();
        var use = new StemUsage { StemId = stemId, TrackId = trackId, Status = status, RequestedById = requester, CreatedAt = DateTime.UtcNow };
        db.StemUsages.Add(use);
        await db.SaveChangesAsync();
        return use.Id;
    });

    /// <summary>A chain of <paramref name="length"/> tracks, each a remix of the one before; the first is the root.</summary>
    public async Task<List<int>> ChainAsync(int ownerId, int length, string prefix = "Gen")
    {
        var ids = new List<int>();
        for (var i = 0; i < length; i++)
        {
            ids.Add(await TrackAsync(ownerId, $"{prefix} {i}"));
            if (i > 0)
            {
                await LinkAsync(ids[i - 1], ids[i]);
            }
        }
        return ids;
    }

    public Task SetAsync(int trackId, Action<Track> change) => WithDbAsync(async db =>
    {
        change(await db.Tracks.SingleAsync(t => t.Id == trackId));
        return await db.SaveChangesAsync();
    });
}
