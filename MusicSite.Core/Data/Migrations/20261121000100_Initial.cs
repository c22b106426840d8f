using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Accounts (Identity), genres, licenses, instrument types, albums, tracks and media files.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261121000100_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>("TEXT", nullable: true),
            NormalizedName = t.Column<string>("TEXT", nullable: true),
            ConcurrencyStamp = t.Column<string>("TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        mb.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            DisplayName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Bio = t.Column<string>("TEXT", maxLength: 2000, nullable: true),
            AvatarPath = t.Column<string>("TEXT", maxLength: 200, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UserName = t.Column<string>("TEXT", maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>("TEXT", maxLength: 256, nullable: true),
            Email = t.Column<string>("TEXT", maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>("TEXT", maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>("INTEGER", nullable: false),
            PasswordHash = t.Column<string>("TEXT", nullable: true),
            SecurityStamp = t.Column<string>("TEXT", nullable: true),
            ConcurrencyStamp = t.Column<string>("TEXT", nullable: true),
            PhoneNumber = t.Column<string>("TEXT", nullable: true),
            PhoneNumberConfirmed = t.Column<bool>("INTEGER", nullable: false),
            TwoFactorEnabled = t.Column<bool>("INTEGER", nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>("TEXT", nullable: true),
            LockoutEnabled = t.Column<bool>("INTEGER", nullable: false),
            AccessFailedCount = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        mb.CreateTable("Genres", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Slug = t.Column<string>("TEXT", maxLength: 120, nullable: false),
            Description = t.Column<string>("TEXT", maxLength: 500, nullable: true),
            ParentId = t.Column<int>("INTEGER", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Genres", x => x.Id);
            t.ForeignKey("FK_Genres_Genres_ParentId", x => x.ParentId, "Genres", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("InstrumentTypes", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Name = t.Column<string>("TEXT", maxLength: 60, nullable: false),
            Category = t.Column<string>("TEXT", maxLength: 30, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_InstrumentTypes", x => x.Id));

        mb.CreateTable("Licenses", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Code = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            Name = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            Url = t.Column<string>("TEXT", maxLength: 300, nullable: true),
            AllowsRemix = t.Column<bool>("INTEGER", nullable: false),
            AllowsCommercial = t.Column<bool>("INTEGER", nullable: false),
            RequiresAttribution = t.Column<bool>("INTEGER", nullable: false),
            ShareAlike = t.Column<bool>("INTEGER", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Licenses", x => x.Id));

        mb.CreateTable("SeedRuns", t => new
        {
            Name = t.Column<string>("TEXT", maxLength: 50, nullable: false),
            AppliedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_SeedRuns", x => x.Name));

        mb.CreateTable("AspNetRoleClaims", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            RoleId = t.Column<int>("INTEGER", nullable: false),
            ClaimType = t.Column<string>("TEXT", nullable: true),
            ClaimValue = t.Column<string>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("Albums", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Title = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            ArtistName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            ReleaseDate = t.Column<DateOnly>("TEXT", nullable: true),
            Description = t.Column<string>("TEXT", maxLength: 2000, nullable: true),
            ArtworkPath = t.Column<string>("TEXT", maxLength: 200, nullable: true),
            OwnerId = t.Column<int>("INTEGER", nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Albums", x => x.Id);
            t.ForeignKey("FK_Albums_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            UserId = t.Column<int>("INTEGER", nullable: false),
            ClaimType = t.Column<string>("TEXT", nullable: true),
            ClaimValue = t.Column<string>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>("TEXT", nullable: false),
            ProviderKey = t.Column<string>("TEXT", nullable: false),
            ProviderDisplayName = t.Column<string>("TEXT", nullable: true),
            UserId = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<int>("INTEGER", nullable: false),
            RoleId = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<int>("INTEGER", nullable: false),
            LoginProvider = t.Column<string>("TEXT", nullable: false),
            Name = t.Column<string>("TEXT", nullable: false),
            Value = t.Column<string>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("GenreRelations", t => new
        {
            FromGenreId = t.Column<int>("INTEGER", nullable: false),
            ToGenreId = t.Column<int>("INTEGER", nullable: false),
            Kind = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            Weight = t.Column<double>("REAL", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GenreRelations", x => new { x.FromGenreId, x.ToGenreId });
            t.ForeignKey("FK_GenreRelations_Genres_FromGenreId", x => x.FromGenreId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_GenreRelations_Genres_ToGenreId", x => x.ToGenreId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AlbumGenres", t => new
        {
            AlbumId = t.Column<int>("INTEGER", nullable: false),
            GenreId = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AlbumGenres", x => new { x.AlbumId, x.GenreId });
            t.ForeignKey("FK_AlbumGenres_Albums_AlbumId", x => x.AlbumId, "Albums", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AlbumGenres_Genres_GenreId", x => x.GenreId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("Tracks", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            Title = t.Column<string>("TEXT", maxLength: 200, nullable: false),
            ArtistName = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            AlbumId = t.Column<int>("INTEGER", nullable: true),
            TrackNumber = t.Column<int>("INTEGER", nullable: true),
            Description = t.Column<string>("TEXT", maxLength: 2000, nullable: true),
            Bpm = t.Column<int>("INTEGER", nullable: true),
            Key = t.Column<string>("TEXT", maxLength: 4, nullable: true),
            LicenseId = t.Column<int>("INTEGER", nullable: false),
            IsPublic = t.Column<bool>("INTEGER", nullable: false),
            IsDownloadable = t.Column<bool>("INTEGER", nullable: false),
            UploaderId = t.Column<int>("INTEGER", nullable: false),
            DurationSeconds = t.Column<double>("REAL", nullable: true),
            State = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            ProcessingProgress = t.Column<int>("INTEGER", nullable: false),
            ProcessingStep = t.Column<string>("TEXT", maxLength: 40, nullable: true),
            ProcessingError = t.Column<string>("TEXT", maxLength: 1000, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
            DeletedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Tracks", x => x.Id);
            t.ForeignKey("FK_Tracks_Albums_AlbumId", x => x.AlbumId, "Albums", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Tracks_AspNetUsers_UploaderId", x => x.UploaderId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Tracks_Licenses_LicenseId", x => x.LicenseId, "Licenses", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("MediaFiles", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            Kind = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            Codec = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            ContentType = t.Column<string>("TEXT", maxLength: 100, nullable: false),
            BitrateKbps = t.Column<int>("INTEGER", nullable: true),
            SampleRate = t.Column<int>("INTEGER", nullable: true),
            Channels = t.Column<int>("INTEGER", nullable: true),
            SizeBytes = t.Column<long>("INTEGER", nullable: false),
            RelativePath = t.Column<string>("TEXT", maxLength: 300, nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_MediaFiles", x => x.Id);
            t.ForeignKey("FK_MediaFiles_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("TrackGenres", t => new
        {
            TrackId = t.Column<int>("INTEGER", nullable: false),
            GenreId = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrackGenres", x => new { x.TrackId, x.GenreId });
            t.ForeignKey("FK_TrackGenres_Genres_GenreId", x => x.GenreId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_TrackGenres_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("TrackTags", t => new
        {
            TrackId = t.Column<int>("INTEGER", nullable: false),
            Tag = t.Column<string>("TEXT", maxLength: 30, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrackTags", x => new { x.TrackId, x.Tag });
            t.ForeignKey("FK_TrackTags_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateIndex("IX_AlbumGenres_GenreId", "AlbumGenres", "GenreId");
        mb.CreateIndex("IX_Albums_CreatedAt", "Albums", "CreatedAt");
        mb.CreateIndex("IX_Albums_OwnerId", "Albums", "OwnerId");
        mb.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        mb.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        mb.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        mb.CreateIndex("IX_GenreRelations_ToGenreId", "GenreRelations", "ToGenreId");
        mb.CreateIndex("IX_Genres_ParentId", "Genres", "ParentId");
        mb.CreateIndex("IX_Genres_Slug", "Genres", "Slug", unique: true);
        mb.CreateIndex("IX_InstrumentTypes_Name", "InstrumentTypes", "Name", unique: true);
        mb.CreateIndex("IX_Licenses_Code", "Licenses", "Code", unique: true);
        mb.CreateIndex("IX_MediaFiles_TrackId_Kind", "MediaFiles", ["TrackId", "Kind"], unique: true);
        mb.CreateIndex("IX_TrackGenres_GenreId", "TrackGenres", "GenreId");
        mb.CreateIndex("IX_Tracks_AlbumId", "Tracks", "AlbumId");
        mb.CreateIndex("IX_Tracks_CreatedAt", "Tracks", "CreatedAt");
        mb.CreateIndex("IX_Tracks_IsPublic_State_DeletedAt", "Tracks", ["IsPublic", "State", "DeletedAt"]);
        mb.CreateIndex("IX_Tracks_LicenseId", "Tracks", "LicenseId");
        mb.CreateIndex("IX_Tracks_UploaderId", "Tracks", "UploaderId");
        mb.CreateIndex("IX_TrackTags_Tag", "TrackTags", "Tag");
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[]
                 {
                     "AlbumGenres", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles",
                     "AspNetUserTokens", "GenreRelations", "InstrumentTypes", "MediaFiles", "SeedRuns", "TrackGenres",
                     "TrackTags", "AspNetRoles", "Tracks", "Genres", "Albums", "Licenses", "AspNetUsers",
                 })
        {
            mb.DropTable(table);
        }
    }
}
