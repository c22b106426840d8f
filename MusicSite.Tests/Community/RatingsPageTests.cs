using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Community;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Community;

/// <summary>The track page's "Ratings and reviews" section as a browser without JavaScript sees and uses it.</summary>
public sealed class RatingsPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private Task<int> TrackAsync(bool isPublic = true, string? uploaderEmail = null) =>
        TestCatalog.AddReadyTrackAsync(site.Services, "Rated on the page", seconds: 1, isPublic: isPublic, uploaderEmail: uploaderEmail);

    /// <summary>Ratings by new listeners written straight to the database, the first oldest.</summary>
    private Task AddRatingsAsync(int trackId, params (int Score, string? Review)[] ratings) =>
        site.WithDbAsync(async db =>
        {
            var start = DateTime.UtcNow.AddHours(-ratings.Length);
            for (var i = 0; i < ratings.Length; i++)
            {
                var user = new AppUser { UserName = $"r{i}-{Guid.NewGuid():N}@example.com", DisplayName = $"Listener {i}", CreatedAt = start };
                db.Users.Add(user);
                db.Ratings.Add(new Rating
                {
                    User = user, TrackId = trackId, Score = ratings[i].Score, Review = ratings[i].Review,
                    CreatedAt = start.AddMinutes(i), UpdatedAt = start.AddMinutes(i),
                });
            }
            return await db.SaveChangesAsync();
        });

    private async Task<HttpResponseMessage> PostRatingFormAsync(HttpClient client, int trackId, Dictionary<string, string> fields,
        string action = "rating")
    {
        var selector = action == "rating" ? "form.rating-form" : "form.rating-delete";
        var values = (await PageSessions.HiddenFieldsAsync(client, $"/tracks/{trackId}", selector)).Concat(fields).ToList();
        return await client.PostAsync($"/tracks/{trackId}/{action}", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task Page_WithoutRatings_ShowsTheEmptyStateAndASignInLink()
    {
        var track = await TrackAsync();

        var page = await site.CreateClient().PageAsync($"/tracks/{track}");

        var section = page.QuerySelector("[data-testid=ratings]")!;
        Assert.Contains("No ratings yet. Be the first", section.QuerySelector("[data-testid=ratings-empty]")!.TextContent);
        Assert.Null(section.QuerySelector("form"));
        Assert.Equal($"/account/login?returnUrl=%2Ftracks%2F{track}%23ratings", section.QuerySelector("a[href^='/account/login']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Page_WithRatings_ShowsAverageInWordsDistributionAndReviewsNewestFirst()
    {
        var track = await TrackAsync();
        await AddRatingsAsync(track, (5, "Older <b>review</b>"), (4, null), (4, "Newest review"));

        var page = await site.CreateClient().PageAsync($"/tracks/{track}");

        var average = page.QuerySelector("[data-testid=rating-average]")!;
        Assert.Contains("4.3 out of 5 · 3 ratings", average.TextContent.Replace("\n", " "));
        Assert.Equal("Average rating 4.3 out of 5", average.QuerySelector(".stars .visually-hidden")!.TextContent);
        Assert.Equal("true", average.QuerySelector("svg")!.GetAttribute("aria-hidden"));
        Assert.Equal("103.2", average.QuerySelector("clipPath rect")!.GetAttribute("width")); // 4.3 of 5 stars, 24 wide each
        var rows = page.QuerySelectorAll("[data-testid=rating-distribution] tr").Select(r => r.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["5 stars 1 (33%)", "4 stars 2 (67%)", "3 stars 0 (0%)", "2 stars 0 (0%)", "1 star 0 (0%)"], rows.Select(r => string.Join(' ', r)));
        Assert.Equal("67", page.QuerySelectorAll(".rating-bar-fill")[1].GetAttribute("width"));
        var reviews = page.QuerySelectorAll("[data-testid=reviews] .review-text").Select(r => r.TextContent).ToList();
        Assert.Equal(["Newest review", "Older <b>review</b>"], reviews);
        Assert.Null(page.QuerySelector("[data-testid=reviews] b"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=ratings] [style]"));
    }

    [Fact]
    public async Task Page_ManyReviews_PagesByTheReviewsQuery()
    {
        var track = await TrackAsync();
        await AddRatingsAsync(track, Enumerable.Range(1, 12).Select(i => (1 + i % 5, (string?)$"Review {i}")).ToArray());

        var first = await site.CreateClient().PageAsync($"/tracks/{track}");
        var next = first.QuerySelector("[data-testid=ratings] nav a[rel=next]")!.GetAttribute("href")!;
        var second = await site.CreateClient().PageAsync(next);

        Assert.Equal($"/tracks/{track}?reviews=2#ratings", next);
        Assert.Equal(10, first.QuerySelectorAll("[data-testid=reviews] li").Length);
        Assert.Equal("Review 12", first.QuerySelector("[data-testid=reviews] .review-text")!.TextContent);
        Assert.Equal(["Review 2", "Review 1"], second.QuerySelectorAll("[data-testid=reviews] .review-text").Select(r => r.TextContent));
        Assert.Equal("Reviews (12)", second.QuerySelector("#reviews-heading")!.TextContent);
    }

    [Fact]
    public async Task Form_WithoutJavaScript_RatesChangesAndDeletes()
    {
        var email = $"no-js-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync(email: email);
        var track = await TrackAsync();

        var rated = await PostRatingFormAsync(client, track, new() { ["score"] = "4", ["review"] = "  Lovely strings.  " });
        var afterRating = await client.PageAsync(rated.Headers.Location!.OriginalString);
        var changed = await PostRatingFormAsync(client, track, new() { ["score"] = "2", ["review"] = "" });
        var afterChange = await client.PageAsync($"/tracks/{track}");
        var deleted = await PostRatingFormAsync(client, track, [], action: "rating/delete");
        var afterDelete = await client.PageAsync(deleted.Headers.Location!.OriginalString);

        Assert.Equal(302, (int)rated.StatusCode);
        Assert.Equal($"/tracks/{track}?rating=saved#ratings", rated.Headers.Location!.OriginalString);
        Assert.Equal("Your rating is saved.", afterRating.QuerySelector("[data-testid=rating-outcome]")!.TextContent);
        Assert.Equal("4", afterRating.QuerySelector("input[name=score][checked]")!.GetAttribute("value"));
        Assert.Equal("Lovely strings.", afterRating.QuerySelector("#rating-review")!.TextContent);
        Assert.Equal("Change your rating", afterRating.QuerySelector(".rating-form legend")!.TextContent);
        Assert.Equal(302, (int)changed.StatusCode);
        Assert.Equal("2", afterChange.QuerySelector("input[name=score][checked]")!.GetAttribute("value"));
        Assert.Equal(302, (int)deleted.StatusCode);
        Assert.Equal("Your rating is deleted.", afterDelete.QuerySelector("[data-testid=rating-outcome]")!.TextContent);
        Assert.Null(afterDelete.QuerySelector("form.rating-delete"));
        Assert.Equal(0, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Fact]
    public async Task Form_BadScore_RedirectsWithTheMessageAndSavesNothing()
    {
        var client = await site.CookieClientAsync();
        var track = await TrackAsync();

        var response = await PostRatingFormAsync(client, track, new() { ["score"] = "9" });
        var page = await client.PageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal($"/tracks/{track}?rating=score#ratings", response.Headers.Location!.OriginalString);
        Assert.Equal(Ratings.ScoreMessage, page.QuerySelector("[data-testid=rating-outcome]")!.TextContent);
        Assert.Equal(0, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRefused()
    {
        var client = await site.CookieClientAsync();
        var track = await TrackAsync();

        var rate = await client.PostAsync($"/tracks/{track}/rating", new FormUrlEncodedContent([new("score", "5")]));
        var delete = await client.PostAsync($"/tracks/{track}/rating/delete", new FormUrlEncodedContent([]));

        Assert.Equal(400, (int)rate.StatusCode);
        Assert.Equal(400, (int)delete.StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Fact]
    public async Task Page_OwnTrack_SaysWhyInsteadOfTheFormAndRefusesAPost()
    {
        var email = $"own-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync("Artist", email);
        var track = await TrackAsync(uploaderEmail: email);

        var page = await client.PageAsync($"/tracks/{track}");
        var token = await PageSessions.AntiforgeryTokenAsync(client, $"/tracks/{track}");
        var forged = await client.PostAsync($"/tracks/{track}/rating",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("score", "5")]));

        Assert.Equal(Ratings.OwnTrackMessage, page.QuerySelector("[data-testid=rating-own-track]")!.TextContent);
        Assert.Null(page.QuerySelector("form.rating-form"));
        Assert.DoesNotContain("Be the first", page.QuerySelector("[data-testid=ratings-empty]")!.TextContent);
        Assert.Equal($"/tracks/{track}?rating=own-track#ratings", forged.Headers.Location?.OriginalString);
        Assert.Equal(0, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Fact]
    public async Task Form_PrivateTrackOfAnother_Answers404()
    {
        var client = await site.CookieClientAsync();
        var track = await TrackAsync(isPublic: false);
        var token = await PageSessions.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync($"/tracks/{track}/rating",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("score", "5")]));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }
}
