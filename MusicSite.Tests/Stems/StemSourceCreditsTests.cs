using System.IO.Compression;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Playback;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Lineage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MusicSite.Tests.Stems;

/// <summary>CREDITS.txt and download tags name the track's sources down every generation, masking what the reader may
/// not see.</summary>
public sealed class StemSourceCreditsTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();

    [Fact]
    public async Task Zip_CreditsEverySourceGeneration_PrivateOnesMasked()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await _site.SignedInClientAsync(email);
        var data = new LineageData(_site.Services);
        var stranger = await data.UserAsync("Stranger");
        var secret = await data.TrackAsync(stranger, "Secret Demo", isPublic: false);
        var root = await data.TrackAsync(stranger, "First Light", license: "cc-by-sa");
        var edit = await data.TrackAsync(stranger, "Dawn Edit", license: "cc-by-sa");
        var kit = await data.TrackAsync(stranger, "Loop Kit");
        var bass = await data.StemAsync(kit, "Bassline");
        var track = await TestCatalog.AddReadyTrackAsync(_site.Services, "Night Bus", 5, true, email);
        await data.LinkAsync(secret, root);
        await data.LinkAsync(root, edit);
        await data.LinkAsync(edit, track);
        await data.UseStemAsync(bass, track);
        await TestStems.AddAsync(_site.Services, track, new StemSeed("Kick") { AudioSeconds = 2 });

        using var zip = new ZipArchive(new MemoryStream(await _site.CreateClient().GetByteArrayAsync($"/api/stems/track/{track}/download")));
        using var reader = new StreamReader(zip.GetEntry("CREDITS.txt")!.Open());
        var credits = await reader.ReadToEndAsync();

        Assert.Contains($"- Generation 1: \"Dawn Edit\" by Artist of Dawn Edit, ", credits);
        Assert.Contains($"/tracks/{edit}, license CC BY-SA", credits);
        Assert.Contains("the stem \"Bassline\"", credits);
        Assert.Contains("- Generation 2: \"First Light\" by Artist of First Light, ", credits);
        Assert.Contains("- Generation 3: a private work", credits);
        Assert.DoesNotContain("Secret Demo", credits);
        Assert.DoesNotContain($"/tracks/{secret}", credits);
        Assert.Contains("- CC BY-SA: https://creativecommons.org/licenses/by-sa/4.0/", credits);

        // The same credits go into the tags of the track's download, as the listener may see them.
        await using var scope = _site.Services.CreateAsyncScope();
        var lookup = await scope.ServiceProvider.GetRequiredService<DownloadService>()
            .PrepareAsync(track, Viewer.Anonymous with { }, DownloadFormat.Original, CancellationToken.None);
        Assert.Equal(DownloadStatus.NotAllowed, lookup.Status);
        var owner = await scope.ServiceProvider.GetRequiredService<MusicSite.Data.MusicSiteDbContext>().Tracks.Where(t => t.Id == track).Select(t => t.UploaderId).FirstAsync();
        var mine = await scope.ServiceProvider.GetRequiredService<DownloadService>()
            .PrepareAsync(track, new Viewer(owner, false), DownloadFormat.Original, CancellationToken.None);
        var comment = MediaFixtures.Probe(mine.File!.FullPath, "format_tags=comment");
        Assert.Contains("Based on \"Dawn Edit\" by Artist of Dawn Edit;", comment);
        Assert.Contains("a private work (generation 3)", comment);
        Assert.DoesNotContain("Secret Demo", comment);
    }

    public void Dispose() => _site.Dispose();
}
