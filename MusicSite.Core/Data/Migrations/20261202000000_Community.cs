using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// Community and content: ratings, timed comments, likes and follows (with counters kept by triggers), events,
/// the blog, contact messages, user preferences with mail opt-ins, and the mail state of notifications.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261202000000_Community")]
public sealed class Community : Migration
{
    /// <summary>Counter triggers: (name, table, event, counted table, counter column, key column, +1 or -1).</summary>
    private static readonly (string Name, string On, string When, string Target, string Column, string Key, string Change)[] Counters =
    [
        ("TrackLikes_AfterInsert", "TrackLikes", "INSERT", "Tracks", "LikeCount", "TrackId", "+ 1"),
        ("TrackLikes_AfterDelete", "TrackLikes", "DELETE", "Tracks", "LikeCount", "TrackId", "- 1"),
        ("TrackComments_AfterInsert", "TrackComments", "INSERT", "Tracks", "CommentCount", "TrackId", "+ 1"),
        ("TrackComments_AfterDelete", "TrackComments", "DELETE", "Tracks", "CommentCount", "TrackId", "- 1"),
        ("ArtistFollows_AfterInsert", "ArtistFollows", "INSERT", "AspNetUsers", "FollowerCount", "ArtistId", "+ 1"),
        ("ArtistFollows_AfterDelete", "ArtistFollows", "DELETE", "AspNetUsers", "FollowerCount", "ArtistId", "- 1"),
    ];

    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("CommentCount", "Tracks", "INTEGER", nullable: false, defaultValue: 0);
        mb.AddColumn<int>("FollowerCount", "AspNetUsers", "INTEGER", nullable: false, defaultValue: 0);
        // Likes were never stored before this migration, so any count on a row was not real.
        mb.Sql("""UPDATE "Tracks" SET "LikeCount" = 0;""");
        mb.AddColumn<string>("MailState", "Notifications", "TEXT", maxLength: 10, nullable: true);
        mb.CreateIndex("IX_Notifications_MailState", "Notifications", "MailState");

        mb.CreateTable("Ratings", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            UserId = t.Column<int>("INTEGER", nullable: false),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            Score = t.Column<int>("INTEGER", nullable: false),
            Review = t.Column<string>("TEXT", maxLength: 2000, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Ratings", x => x.Id);
            t.ForeignKey("FK_Ratings_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Ratings_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Ratings_UserId_TrackId", "Ratings", ["UserId", "TrackId"], unique: true);
        mb.CreateIndex("IX_Ratings_TrackId_UpdatedAt", "Ratings", ["TrackId", "UpdatedAt"]);

        mb.CreateTable("TrackComments", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            UserId = t.Column<int>("INTEGER", nullable: false),
            ParentId = t.Column<int>("INTEGER", nullable: true),
            Content = t.Column<string>("TEXT", maxLength: 1000, nullable: false),
            TimestampSeconds = t.Column<double>("REAL", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            EditedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrackComments", x => x.Id);
            t.ForeignKey("FK_TrackComments_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TrackComments_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TrackComments_TrackComments_ParentId", x => x.ParentId, "TrackComments", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_TrackComments_TrackId_TimestampSeconds", "TrackComments", ["TrackId", "TimestampSeconds"]);
        mb.CreateIndex("IX_TrackComments_ParentId", "TrackComments", "ParentId");
        mb.CreateIndex("IX_TrackComments_UserId", "TrackComments", "UserId");

        mb.CreateTable("TrackLikes", t => new
        {
            UserId = t.Column<int>("INTEGER", nullable: false),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrackLikes", x => new { x.UserId, x.TrackId });
            t.ForeignKey("FK_TrackLikes_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TrackLikes_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_TrackLikes_TrackId_CreatedAt", "TrackLikes", ["TrackId", "CreatedAt"]);
        mb.CreateIndex("IX_TrackLikes_UserId_CreatedAt", "TrackLikes", ["UserId", "CreatedAt"]);

        mb.CreateTable("ArtistFollows", t => new
        {
            FollowerId = t.Column<int>("INTEGER", nullable: false),
            ArtistId = t.Column<int>("INTEGER", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ArtistFollows", x => new { x.FollowerId, x.ArtistId });
            t.ForeignKey("FK_ArtistFollows_AspNetUsers_FollowerId", x => x.FollowerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ArtistFollows_AspNetUsers_ArtistId", x => x.ArtistId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ArtistFollows_ArtistId_CreatedAt", "ArtistFollows", ["ArtistId", "CreatedAt"]);

        foreach (var c in Counters)
        {
            var row = c.When == "INSERT" ? "NEW" : "OLD";
            mb.Sql($"""
                CREATE TRIGGER "{c.Name}" AFTER {c.When} ON "{c.On}" BEGIN
                    UPDATE "{c.Target}" SET "{c.Column}" = "{c.Column}" {c.Change} WHERE "Id" = {row}."{c.Key}";
                END;
                """);
        }

        mb.CreateTable("Events", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Title = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            Description = t.Column<string>("TEXT", maxLength: 4000, nullable: true),
            StartsAt = t.Column<DateTime>("TEXT", nullable: false),
            EndsAt = t.Column<DateTime>("TEXT", nullable: true),
            TimeZone = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            VenueName = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            VenueAddress = t.Column<string>("TEXT", maxLength: 300, nullable: true),
            VenueCity = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            TicketUrl = t.Column<string>("TEXT", maxLength: 500, nullable: true),
            ArtistId = t.Column<int>("INTEGER", nullable: true),
            CreatedById = t.Column<int>("INTEGER", nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Events", x => x.Id);
            t.ForeignKey("FK_Events_AspNetUsers_ArtistId", x => x.ArtistId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Events_AspNetUsers_CreatedById", x => x.CreatedById, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_Events_StartsAt", "Events", "StartsAt");
        mb.CreateIndex("IX_Events_ArtistId_StartsAt", "Events", ["ArtistId", "StartsAt"]);
        mb.CreateIndex("IX_Events_CreatedById", "Events", "CreatedById");

        mb.CreateTable("EventTracks", t => new
        {
            EventId = t.Column<int>("INTEGER", nullable: false),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            Position = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EventTracks", x => new { x.EventId, x.TrackId });
            t.ForeignKey("FK_EventTracks_Events_EventId", x => x.EventId, "Events", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_EventTracks_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_EventTracks_TrackId", "EventTracks", "TrackId");

        mb.CreateTable("BlogCategories", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>("TEXT", maxLength: 60, nullable: false),
            Slug = t.Column<string>("TEXT", maxLength: 80, nullable: false),
            Description = t.Column<string>("TEXT", maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_BlogCategories", x => x.Id));
        mb.CreateIndex("IX_BlogCategories_Slug", "BlogCategories", "Slug", unique: true);

        mb.CreateTable("BlogPosts", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Title = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            Slug = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            Markdown = t.Column<string>("TEXT", maxLength: 100000, nullable: false),
            Excerpt = t.Column<string>("TEXT", maxLength: 400, nullable: false),
            CategoryId = t.Column<int>("INTEGER", nullable: true),
            AuthorId = t.Column<int>("INTEGER", nullable: true),
            PublishedAt = t.Column<DateTime>("TEXT", nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_BlogPosts", x => x.Id);
            t.ForeignKey("FK_BlogPosts_BlogCategories_CategoryId", x => x.CategoryId, "BlogCategories", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_BlogPosts_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_BlogPosts_Slug", "BlogPosts", "Slug", unique: true);
        mb.CreateIndex("IX_BlogPosts_PublishedAt", "BlogPosts", "PublishedAt");
        mb.CreateIndex("IX_BlogPosts_CategoryId_PublishedAt", "BlogPosts", ["CategoryId", "PublishedAt"]);
        mb.CreateIndex("IX_BlogPosts_AuthorId", "BlogPosts", "AuthorId");

        mb.CreateTable("ContactMessages", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Email = t.Column<string>("TEXT", maxLength: 256, nullable: false),
            Subject = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            Message = t.Column<string>("TEXT", maxLength: 5000, nullable: false),
            UserId = t.Column<int>("INTEGER", nullable: true),
            ClientAddress = t.Column<string>("TEXT", maxLength: 64, nullable: true),
            UserAgent = t.Column<string>("TEXT", maxLength: 300, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            ReadAt = t.Column<DateTime>("TEXT", nullable: true),
            HandledAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ContactMessages", x => x.Id);
            t.ForeignKey("FK_ContactMessages_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_ContactMessages_CreatedAt", "ContactMessages", "CreatedAt");
        mb.CreateIndex("IX_ContactMessages_UserId", "ContactMessages", "UserId");

        mb.CreateTable("UserPreferences", t => new
        {
            UserId = t.Column<int>("INTEGER", nullable: false),
            Theme = t.Column<string>("TEXT", maxLength: 10, nullable: false),
            StreamQuality = t.Column<string>("TEXT", maxLength: 10, nullable: false),
            ProfilePublic = t.Column<bool>("INTEGER", nullable: false),
            LikesPublic = t.Column<bool>("INTEGER", nullable: false),
            FollowsPublic = t.Column<bool>("INTEGER", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UserPreferences", x => x.UserId);
            t.ForeignKey("FK_UserPreferences_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("NotificationMailChoices", t => new
        {
            UserId = t.Column<int>("INTEGER", nullable: false),
            Kind = t.Column<string>("TEXT", maxLength: 40, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NotificationMailChoices", x => new { x.UserId, x.Kind });
            t.ForeignKey("FK_NotificationMailChoices_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var c in Counters)
        {
            mb.Sql($"DROP TRIGGER \"{c.Name}\";");
        }
        foreach (var table in new[] { "NotificationMailChoices", "UserPreferences", "ContactMessages", "BlogPosts", "BlogCategories",
                     "EventTracks", "Events", "ArtistFollows", "TrackLikes", "TrackComments", "Ratings" })
        {
            mb.DropTable(table);
        }
        mb.DropIndex("IX_Notifications_MailState", "Notifications");
        // EF's SQLite generator refuses DropColumn; SQLite itself drops a plain column.
        mb.Sql("ALTER TABLE \"Notifications\" DROP COLUMN \"MailState\";");
        mb.Sql("ALTER TABLE \"AspNetUsers\" DROP COLUMN \"FollowerCount\";");
        mb.Sql("ALTER TABLE \"Tracks\" DROP COLUMN \"CommentCount\";");
    }
}
