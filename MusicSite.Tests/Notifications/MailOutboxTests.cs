using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Notifications;

/// <summary>A site whose mail links use a known public address, and whose background sender rests long, so the
/// tests drive the outbox themselves (a round of the background sender would do the same work).</summary>
public sealed class MailOutboxSite : MusicSiteFactory
{
    public const string BaseUrl = "https://music.example";

    public MailOutboxSite()
    {
        Settings["MusicSite:PublicBaseUrl"] = BaseUrl;
        Settings["NotificationMail:PollSeconds"] = "3600";
    }
}

/// <summary>The notification mail outbox: a mail goes out only to a confirmed address that opted in to the kind, and
/// it holds the actor's cleaned name, a fixed sentence and an absolute link, never what another user wrote.</summary>
public sealed class MailOutboxTests(MailOutboxSite site) : IClassFixture<MailOutboxSite>
{
    private const string HostileName = "Mallory\u202E\u2066evil\r\nBcc: victim@example.com\u0007 <b>boss</b> ";
    private const string HostileText = "Mallory commented: CLICK https://phish.example/login to keep your account";

    private async Task<(int Id, string Email)> UserAsync(bool confirmed, string displayName = "Listener", params NotificationKind[] mailKinds)
    {
        var email = $"outbox-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email)).StatusCode);
        var id = await site.UserIdAsync(email);
        await site.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.EmailConfirmed = confirmed;
            user.DisplayName = displayName;
            db.NotificationMailChoices.AddRange(mailKinds.Select(k => new NotificationMailChoice { UserId = id, Kind = k }));
            return await db.SaveChangesAsync();
        });
        return (id, email);
    }

    private async Task<int> NotifyAsync(int recipient, NotificationKind kind, int? actor, string text, string link)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var notification = scope.ServiceProvider.GetRequiredService<Notifier>().Add(recipient, kind, actor, text, link)!;
        await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().SaveChangesAsync();
        return notification.Id;
    }

    private async Task<NotificationMailState?> SendAndWaitAsync(int notificationId)
    {
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendPendingAsync(50, CancellationToken.None);
        }
        return await Eventually.Until("the outbox to handle the notification",
            () => site.WithDbAsync(db => db.Notifications.Where(n => n.Id == notificationId).Select(n => n.MailState).SingleAsync()),
            state => state is not (NotificationMailState.Pending or NotificationMailState.Sending));
    }

    /// <summary>Mail to <paramref name="email"/> from the outbox (registration also sends a confirmation mail).</summary>
    private List<string> NotificationMails(string email) =>
        MailFolder.MessagesTo(site.MailDirectory, email).Where(m => m.Contains("/account/settings", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Outbox_OptedInAndConfirmed_MailsNameSentenceAndLinkButNeverTheOtherUsersText()
    {
        var (recipient, email) = await UserAsync(confirmed: true, "Owner", NotificationKind.CommentReceived);
        var (actor, _) = await UserAsync(confirmed: true, HostileName + new string('x', 200));
        var id = await NotifyAsync(recipient, NotificationKind.CommentReceived, actor, HostileText, "/tracks/42#comments");

        var state = await SendAndWaitAsync(id);

        Assert.Equal(NotificationMailState.Sent, state);
        var mail = Assert.Single(NotificationMails(email));
        var body = mail.Split("\r\n\r\n", 2)[1];
        Assert.Contains($"{MailOutboxSite.BaseUrl}/tracks/42#comments", body);
        Assert.Contains("commented on your track.", body);
        Assert.Contains("Mallory", body);
        Assert.DoesNotContain("phish.example", mail);
        Assert.DoesNotContain("CLICK", mail);
        Assert.DoesNotContain("\nBcc:", mail);
        Assert.DoesNotContain("victim@example.com", mail.Split("\r\n\r\n", 2)[0]);
        Assert.DoesNotContain('\u202E', mail);
        Assert.DoesNotContain('\u2066', mail);
        Assert.DoesNotContain('\u0007', mail);
        Assert.DoesNotContain(new string('x', NotificationMailer.MaxNameLength + 1), mail);
        var sentence = body.Split("\r\n")[0];
        Assert.StartsWith("Mallory", sentence);
        Assert.EndsWith("commented on your track.", sentence);
    }

    [Fact]
    public async Task Outbox_NotOptedInToThisKind_IsSkippedWithoutMail()
    {
        var (recipient, email) = await UserAsync(confirmed: true, "Owner", NotificationKind.NewFollower);
        var (actor, _) = await UserAsync(confirmed: true, "Rater");
        var id = await NotifyAsync(recipient, NotificationKind.RatingReceived, actor, "Rater rated your track.", "/tracks/7");

        var state = await SendAndWaitAsync(id);

        Assert.Equal(NotificationMailState.Skipped, state);
        Assert.Empty(NotificationMails(email));
    }

    [Fact]
    public async Task Outbox_UnconfirmedAddress_IsSkippedWithoutMail()
    {
        var (recipient, email) = await UserAsync(confirmed: false, "Owner", NotificationKind.CommentReceived);
        var (actor, _) = await UserAsync(confirmed: true, "Commenter");
        var id = await NotifyAsync(recipient, NotificationKind.CommentReceived, actor, "Commenter commented on your track.", "/tracks/8");

        var state = await SendAndWaitAsync(id);

        Assert.Equal(NotificationMailState.Skipped, state);
        Assert.DoesNotContain(NotificationMails(email), m => m.Contains("/tracks/8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outbox_NoActor_MailsTheFixedSentenceOnce()
    {
        var (recipient, email) = await UserAsync(confirmed: true, "Uploader", NotificationKind.ProcessingFinished);
        var id = await NotifyAsync(recipient, NotificationKind.ProcessingFinished, null, "\"Song\" is ready.", "/tracks/9");

        await SendAndWaitAsync(id);
        await SendAndWaitAsync(id);

        var mail = Assert.Single(NotificationMails(email));
        Assert.Contains("Your upload finished processing and is ready.", mail);
        Assert.Contains($"{MailOutboxSite.BaseUrl}/tracks/9", mail);
        Assert.DoesNotContain("Song", mail);
    }

    [Theory]
    [InlineData("Plain Name", "Plain Name")]
    [InlineData("Line\r\nBreak", "Line Break")]
    [InlineData("\u202Eevil\u202C", "evil")]
    [InlineData("   ", "Someone")]
    [InlineData(null, "Someone")]
    public void CleanName_HostileOrEmpty_IsOneSafeLine(string? name, string expected) =>
        Assert.Equal(expected, NotificationMailer.CleanName(name));

    [Fact]
    public void CleanName_Long_IsCut()
    {
        var clean = NotificationMailer.CleanName(new string('n', 500));

        Assert.Equal(NotificationMailer.MaxNameLength + 1, clean.Length);
        Assert.EndsWith("…", clean);
    }
}
