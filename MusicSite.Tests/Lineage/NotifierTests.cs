using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;
using MusicSite.Notifications;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Lineage;

public sealed class NotifierTests(ReferenceDataFixture fixture) : IClassFixture<ReferenceDataFixture>
{
    private readonly LineageData _data = new(fixture.Services);

    [Fact]
    public async Task Add_SavesWithTheCallersChange_ButNeverTellsPeopleOfTheirOwnDoing()
    {
        var recipient = await _data.UserAsync("Recipient");
        var actor = await _data.UserAsync("Actor");
        await using (var scope = fixture.Scope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            Assert.NotNull(notifier.Add(recipient, NotificationKind.RemixRegistered, actor, "Actor registered a remix of your track.", "/tracks/1"));
            Assert.Null(notifier.Add(actor, NotificationKind.RemixRegistered, actor, "You did this.", "/tracks/1"));
            await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().SaveChangesAsync();
        }

        await using var read = fixture.Scope();
        var saved = await read.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Notifications
            .Where(n => n.UserId == recipient || n.UserId == actor).ToListAsync();
        var one = Assert.Single(saved);
        Assert.Equal((recipient, NotificationKind.RemixRegistered, (int?)actor, "/tracks/1", (DateTime?)null),
            (one.UserId, one.Kind, one.ActorId, one.Link, one.ReadAt));
    }

    [Theory]
    [InlineData("https://elsewhere.example/x")]
    [InlineData("//elsewhere.example/x")]
    [InlineData("/\\elsewhere.example")]
    [InlineData("tracks/1")]
    [InlineData("")]
    public async Task Add_OutsideLink_IsRefused(string link)
    {
        await using var scope = fixture.Scope();

        Assert.Throws<ArgumentException>(() =>
            scope.ServiceProvider.GetRequiredService<Notifier>().Add(1, NotificationKind.StemUsed, null, "Text", link));
    }

    [Fact]
    public async Task Add_LongText_IsCutToTheColumn()
    {
        await using var scope = fixture.Scope();

        var notification = scope.ServiceProvider.GetRequiredService<Notifier>().Add(1, NotificationKind.StemUsed, null, new string('a', 500), null)!;

        Assert.Equal(Notifier.MaxTextLength, notification.Text.Length);
        Assert.EndsWith("…", notification.Text);
    }
}
