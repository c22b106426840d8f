using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Notifications;
using MusicSite.Tests.Artists;
using static MusicSite.Tests.Community.RatingRows;

namespace MusicSite.Tests.Community;

/// <summary>The rules of <see cref="Ratings"/> and <see cref="RatingBoard"/> on a migrated database.</summary>
public sealed class RatingsServiceTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private Task<ServiceResult<RatingView>> CreateAsync(int trackId, int userId, int? score, string? review = null) =>
        core.WithAsync<ServiceResult<RatingView>, Ratings>(r => r.CreateAsync(trackId, new RatingInput(score, review), Listener(userId), CancellationToken.None));

    private Task<ServiceResult<RatingView>> UpdateAsync(int trackId, int userId, int? score, string? review = null) =>
        core.WithAsync<ServiceResult<RatingView>, Ratings>(r => r.UpdateAsync(trackId, new RatingInput(score, review), Listener(userId), CancellationToken.None));

    private Task<List<Notification>> NotificationsOfAsync(int userId) =>
        core.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Create_WithReview_SavesTrimmedTextAndTellsTheUploaderWithoutIt()
    {
        var artist = await core.UserAsync("Artist");
        var listener = await core.UserAsync("Ada Listener");
        var track = await core.TrackAsync(artist, title: "Night Drive");

        var result = await CreateAsync(track, listener, 4, "  Secret words of praise\nover two lines  ");

        Assert.True(result.Succeeded);
        Assert.Equal(4, result.Value!.Score);
        Assert.Equal("Secret words of praise\nover two lines", result.Value.Review);
        Assert.Equal("Ada Listener", result.Value.User.DisplayName);
        var notice = Assert.Single(await NotificationsOfAsync(artist));
        Assert.Equal(NotificationKind.ReviewReceived, notice.Kind);
        Assert.Equal(listener, notice.ActorId);
        Assert.Equal($"/tracks/{track}#ratings", notice.Link);
        Assert.Contains("Ada Listener", notice.Text);
        Assert.Contains("Night Drive", notice.Text);
        Assert.DoesNotContain("Secret", notice.Text);
    }

    [Fact]
    public async Task Create_ScoreOnly_StoresNoReviewAndSendsRatingReceived()
    {
        var artist = await core.UserAsync();
        var track = await core.TrackAsync(artist);

        var result = await CreateAsync(track, await core.UserAsync(), 5, "   ");

        Assert.True(result.Succeeded);
        Assert.Null(result.Value!.Review);
        Assert.Equal(NotificationKind.RatingReceived, Assert.Single(await NotificationsOfAsync(artist)).Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(null)]
    public async Task Create_ScoreOutsideOneToFive_IsAFieldErrorOnScore(int? score)
    {
        var track = await core.TrackAsync(await core.UserAsync());

        var result = await CreateAsync(track, await core.UserAsync(), score);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.Equal([Ratings.ScoreMessage], result.Errors.For("score"));
    }

    [Theory]
    [InlineData("bell\u0007")]
    [InlineData("turn \u202Earound")]
    [InlineData("nul\0")]
    public async Task Create_ReviewWithControlCharacters_IsRefused(string review)
    {
        var track = await core.TrackAsync(await core.UserAsync());

        var result = await CreateAsync(track, await core.UserAsync(), 3, review);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.NotEmpty(result.Errors.For("review"));
    }

    [Fact]
    public async Task Create_ReviewLength_IsCountedAfterTrimming()
    {
        var track = await core.TrackAsync(await core.UserAsync());
        var longest = "  " + new string('a', Rating.ReviewMaxLength) + "  ";

        var fits = await CreateAsync(track, await core.UserAsync(), 3, longest);
        var tooLong = await CreateAsync(track, await core.UserAsync(), 3, new string('a', Rating.ReviewMaxLength + 1));

        Assert.True(fits.Succeeded);
        Assert.Equal([Ratings.ReviewLengthMessage], tooLong.Errors.For("review"));
    }

    [Fact]
    public async Task Create_Twice_IsRatingExistsAndKeepsTheFirst()
    {
        var track = await core.TrackAsync(await core.UserAsync());
        var listener = await core.UserAsync();

        await CreateAsync(track, listener, 2);
        var second = await CreateAsync(track, listener, 5);

        Assert.Equal(ErrorCodes.RatingExists, second.Code);
        Assert.Equal([2], await core.DbAsync(db => db.Ratings.Where(r => r.TrackId == track).Select(r => r.Score).ToListAsync()));
    }

    [Fact]
    public async Task Create_TenAtOnceBySameListener_LeavesExactlyOneRating()
    {
        var artist = await core.UserAsync();
        var track = await core.TrackAsync(artist);
        var listener = await core.UserAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() => CreateAsync(track, listener, 1 + i % 5))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorCodes.RatingExists, r.Code));
        Assert.Equal(1, await core.DbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
        Assert.Single(await NotificationsOfAsync(artist));
    }

    [Fact]
    public async Task Create_OwnTrack_IsOwnTrackWithItsReason()
    {
        var artist = await core.UserAsync();
        var track = await core.TrackAsync(artist);

        var result = await CreateAsync(track, artist, 5);

        Assert.Equal(ErrorCodes.OwnTrack, result.Code);
        Assert.Equal([Ratings.OwnTrackMessage], result.Errors.For("track"));
        Assert.Equal(0, await core.DbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Theory]
    [InlineData(false, TrackState.Ready, false)]
    [InlineData(true, TrackState.Ready, true)]
    [InlineData(true, TrackState.Processing, false)]
    [InlineData(true, TrackState.Failed, false)]
    public async Task Create_TrackNotVisibleOrNotReady_IsTrackNotFound(bool isPublic, TrackState state, bool deleted)
    {
        var track = await core.TrackAsync(await core.UserAsync(), isPublic, state, deleted);

        var result = await CreateAsync(track, await core.UserAsync(), 3);

        Assert.Equal(ErrorCodes.TrackNotFound, result.Code);
    }

    [Fact]
    public async Task Create_Anonymous_IsUnauthorized()
    {
        var track = await core.TrackAsync(await core.UserAsync());

        var result = await core.WithAsync<ServiceResult<RatingView>, Ratings>(r =>
            r.CreateAsync(track, new RatingInput(3, null), Viewer.Anonymous, CancellationToken.None));

        Assert.Equal(ErrorCodes.Unauthorized, result.Code);
    }

    [Fact]
    public async Task Update_OwnRating_ChangesItAndTellsAgainOnlyForNewReviewText()
    {
        var artist = await core.UserAsync();
        var track = await core.TrackAsync(artist);
        var listener = await core.UserAsync();
        await CreateAsync(track, listener, 2);

        var rescored = await UpdateAsync(track, listener, 3);
        var reviewed = await UpdateAsync(track, listener, 4, "Grew on me");
        var same = await UpdateAsync(track, listener, 5, "Grew on me");

        Assert.Equal((5, "Grew on me"), (same.Value!.Score, same.Value.Review));
        Assert.True(rescored.Succeeded && reviewed.Succeeded);
        Assert.Equal([NotificationKind.RatingReceived, NotificationKind.ReviewReceived], (await NotificationsOfAsync(artist)).Select(n => n.Kind));
    }

    [Fact]
    public async Task Update_WithoutRating_IsRatingNotFound()
    {
        var track = await core.TrackAsync(await core.UserAsync());

        Assert.Equal(ErrorCodes.RatingNotFound, (await UpdateAsync(track, await core.UserAsync(), 3)).Code);
    }

    [Fact]
    public async Task Delete_OwnRating_RemovesOnlyIt()
    {
        var track = await core.TrackAsync(await core.UserAsync());
        var (me, other) = (await core.UserAsync(), await core.UserAsync());
        await CreateAsync(track, me, 1);
        await CreateAsync(track, other, 5);

        var first = await core.WithAsync<ServiceResult<bool>, Ratings>(r => r.DeleteAsync(track, Listener(me), MusicSite.Admin.AuditActor.System, CancellationToken.None));
        var again = await core.WithAsync<ServiceResult<bool>, Ratings>(r => r.DeleteAsync(track, Listener(me), MusicSite.Admin.AuditActor.System, CancellationToken.None));

        Assert.True(first.Succeeded);
        Assert.Equal(ErrorCodes.RatingNotFound, again.Code);
        Assert.Equal([other], await core.DbAsync(db => db.Ratings.Where(r => r.TrackId == track).Select(r => r.UserId).ToListAsync()));
    }

    [Fact]
    public async Task Summary_AveragesToOneDecimalWithTheDistribution()
    {
        var track = await core.TrackAsync(await core.UserAsync());
        foreach (var score in new[] { 5, 5, 4, 1, 4, 5 })
        {
            await CreateAsync(track, await core.UserAsync(), score);
        }

        var summary = (await core.WithAsync<RatingSummary?, RatingBoard>(b => b.SummaryAsync(track, Viewer.Anonymous, CancellationToken.None)))!;

        Assert.Equal(4.0, summary.Average); // 24 / 6
        Assert.Equal(6, summary.Count);
        Assert.Equal([(1, 1), (2, 0), (3, 0), (4, 2), (5, 3)], summary.Distribution.Select(b => (b.Score, b.Count)));
        Assert.Equal(50, summary.PercentOf(5));
    }

    [Fact]
    public void Summarise_RoundsHalvesUpAndIsEmptyWithoutRatings()
    {
        Assert.Equal(3.5, RatingBoard.Summarise(new Dictionary<int, int> { [3] = 1, [4] = 1 }).Average);
        Assert.Equal(4.7, RatingBoard.Summarise(new Dictionary<int, int> { [4] = 1, [5] = 2 }).Average); // 4.666…
        Assert.Equal(1.3, RatingBoard.Summarise(new Dictionary<int, int> { [1] = 3, [2] = 1 }).Average); // 1.25 rounds up
        var empty = RatingBoard.Summarise(new Dictionary<int, int>());
        Assert.Null(empty.Average);
        Assert.Equal(0, empty.Count);
        Assert.Equal(5, empty.Distribution.Count);
    }

    [Fact]
    public async Task List_IsNewestFirstPagedAndCanKeepOnlyReviews()
    {
        var track = await core.TrackAsync(await core.UserAsync());
        await CreateAsync(track, await core.UserAsync(), 3, "first");
        await CreateAsync(track, await core.UserAsync(), 4);
        await CreateAsync(track, await core.UserAsync(), 5, "third");

        var all = (await core.WithAsync<RatingPage?, RatingBoard>(b => b.ListAsync(track, Viewer.Anonymous, false, 1, 2, CancellationToken.None)))!;
        var reviews = (await core.WithAsync<RatingPage?, RatingBoard>(b => b.ListAsync(track, Viewer.Anonymous, true, 1, 10, CancellationToken.None)))!;

        Assert.Equal(3, all.Total);
        Assert.Equal([5, 4], all.Items.Select(r => r.Score));
        Assert.Equal(["third", "first"], reviews.Items.Select(r => r.Review));
    }

    [Fact]
    public async Task Reads_OfAPrivateTrack_AreNullToOthersAndShownToItsUploader()
    {
        var artist = await core.UserAsync();
        var track = await core.TrackAsync(artist, isPublic: false);

        var toOther = await core.WithAsync<RatingSummary?, RatingBoard>(b => b.SummaryAsync(track, Listener(artist + 1000), CancellationToken.None));
        var listToOther = await core.WithAsync<RatingPage?, RatingBoard>(b => b.ListAsync(track, Viewer.Anonymous, false, 1, 10, CancellationToken.None));
        var toOwner = await core.WithAsync<RatingSummary?, RatingBoard>(b => b.SummaryAsync(track, Listener(artist), CancellationToken.None));

        Assert.Null(toOther);
        Assert.Null(listToOther);
        Assert.NotNull(toOwner);
    }

    [Fact]
    public async Task OfViewer_LeavesOutTracksTheyMayNoLongerSee()
    {
        var artist = await core.UserAsync();
        var (kept, hidden) = (await core.TrackAsync(artist, title: "Kept"), await core.TrackAsync(artist, title: "Hidden later"));
        var me = await core.UserAsync();
        await CreateAsync(kept, me, 4);
        await CreateAsync(hidden, me, 2);
        await core.DbAsync(db => db.Tracks.Where(t => t.Id == hidden).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsPublic, false)));

        var mine = await core.WithAsync<MyRatingPage, RatingBoard>(b => b.OfViewerAsync(Listener(me), 1, 10, CancellationToken.None));

        Assert.Equal(1, mine.Total);
        Assert.Equal("Kept", Assert.Single(mine.Items).Track.Title);
    }
}
