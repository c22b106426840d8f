using MusicSite.Common;
using MusicSite.Events;

namespace MusicSite.Tests.Events;

/// <summary>The field rules of an event and the venue-time conversions, without a database.</summary>
public sealed class EventFieldsTests
{
    private static EventInput Valid(string startsAt = "2026-12-05T20:00", string? endsAt = "2026-12-05T23:00", string timeZone = "Europe/Berlin",
        string? ticketUrl = "https://tickets.example.com/a") =>
        new("Release night", "Doors at 19:30.", startsAt, endsAt, timeZone, "Kesselhaus", "Schönhauser Allee 36", "Berlin", ticketUrl, ["3", "7"]);

    private static (EventValues? Values, FieldErrors Errors) Check(EventInput input)
    {
        var errors = new FieldErrors();
        return (EventFields.Check(input, errors), errors);
    }

    [Fact]
    public void Check_ValidInput_StoresVenueWallClockAsUtc()
    {
        var (values, errors) = Check(Valid());

        Assert.False(errors.Any);
        Assert.Equal(new DateTime(2026, 12, 5, 19, 0, 0, DateTimeKind.Utc), values!.StartsAt);
        Assert.Equal(DateTimeKind.Utc, values.StartsAt.Kind);
        Assert.Equal(new DateTime(2026, 12, 5, 22, 0, 0, DateTimeKind.Utc), values.EndsAt);
        Assert.Equal("Europe/Berlin", values.TimeZone);
        Assert.Equal([3, 7], values.TrackIds);
    }

    [Fact]
    public void Check_SummerTimeInNewYork_UsesThatDaysOffset()
    {
        var (values, _) = Check(Valid("2026-07-04T21:00", null, "America/New_York"));

        Assert.Equal(new DateTime(2026, 7, 5, 1, 0, 0, DateTimeKind.Utc), values!.StartsAt);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData("Europe/Berlin;x")]
    public void Check_UnknownOrNonIanaZone_IsAFieldError(string zone)
    {
        var (values, errors) = Check(Valid(timeZone: zone));

        Assert.Null(values);
        Assert.NotEmpty(errors.For("timeZone"));
    }

    [Fact]
    public void Check_EndBeforeOrAtStart_IsAFieldError()
    {
        Assert.NotEmpty(Check(Valid("2026-12-05T20:00", "2026-12-05T19:00")).Errors.For("endsAt"));
        Assert.NotEmpty(Check(Valid("2026-12-05T20:00", "2026-12-05T20:00")).Errors.For("endsAt"));
    }

    [Theory]
    [InlineData("next friday")]
    [InlineData("2026-13-01T20:00")]
    [InlineData("1850-01-01T20:00")]
    public void Check_UnreadableStart_IsAFieldError(string startsAt)
    {
        Assert.NotEmpty(Check(Valid(startsAt, null)).Errors.For("startsAt"));
    }

    [Fact]
    public void Check_TimeTheClocksSkip_IsAFieldError()
    {
        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00; 02:30 never happens there.
        var (values, errors) = Check(Valid("2026-03-29T02:30", null));

        Assert.Null(values);
        Assert.Contains("skip", Assert.Single(errors.For("startsAt")));
    }

    [Fact]
    public void Check_TimeThatHappensTwice_IsTheFirst()
    {
        // 25 October 2026: Berlin's 02:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC.
        var (values, _) = Check(Valid("2026-10-25T02:30", null));

        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), values!.StartsAt);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/tickets")]
    [InlineData("ftp://example.com/t")]
    [InlineData("https://user:pw@example.com/t")]
    [InlineData("https://exa mple.com")]
    public void Check_TicketLinkThatIsNotAbsoluteHttp_IsAFieldError(string url)
    {
        Assert.NotEmpty(Check(Valid(ticketUrl: url)).Errors.For("ticketUrl"));
    }

    [Fact]
    public void Check_MissingRequiredFields_NamesEach()
    {
        var (_, errors) = Check(new EventInput(" ", null, null, null, null, "", null, "", null, null));

        Assert.All(new[] { "title", "startsAt", "timeZone", "venueName", "venueCity" }, f => Assert.NotEmpty(errors.For(f)));
    }

    [Fact]
    public void Check_TrackIdsThatAreNotIds_IsAFieldError()
    {
        var input = Valid() with { TrackIds = ["1", "abc", "-4"] };

        Assert.NotEmpty(Check(input).Errors.For("trackIds"));
        Assert.NotEmpty(Check(Valid() with { TrackIds = Enumerable.Range(1, 21).Select(i => i.ToString()).ToList() }).Errors.For("trackIds"));
    }

    [Fact]
    public void InZone_AcrossTheSpringChange_ShowsEachSidesOffset()
    {
        var berlin = EventTimes.FindZone("Europe/Berlin")!;

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 59, 0, TimeSpan.FromHours(1)), EventTimes.InZone(new DateTime(2026, 3, 29, 0, 59, 0, DateTimeKind.Utc), berlin));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), EventTimes.InZone(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), berlin));
        Assert.Equal("UTC-04:00", EventTimes.OffsetName(EventTimes.InZone(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), "America/New_York").Offset));
    }
}
