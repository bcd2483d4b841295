namespace M1Env.Core.Infrastructure.Errors;

/// <summary>
/// Stable error codes. A code never changes meaning once shipped; README.md lists every one.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidEnvName = "M1E001";
    public const string InvalidPackageName = "M1E002";
    public const string InvalidVersion = "M1E003";
    public const string AmbiguousPackageEnv = "M1E004";
    public const string UnknownEnv = "M1E005";
    public const string DuplicateDeclaration = "M1E006";
    public const string InvalidPythonRequest = "M1E007";
    public const string InvalidSetting = "M1E008";
    public const string UnsupportedDeclaration = "M1E009";
    public const string PythonNotFound = "M1E010";
    public const string VenvCreationFailed = "M1E011";
    public const string PrefixNotAnEnvironment = "M1E012";
    public const string FileSystemError = "M1E013";
    public const string PrefixOwnedElsewhere = "M1E014";
    public const string PrefixNotAllowed = "M1E015";
    public const string InvalidPackagePlatforms = "M1E016";

    /// <summary>A warning: metadata on a declaration item that M1Env does not read.</summary>
    public const string UnknownMetadata = "M1E018";
    public const string PipInstallFailed = "M1E020";
    public const string PackageNotOnIndex = "M1E021";
    public const string PipUninstallFailed = "M1E022";
    public const string PrefixBusy = "M1E030";
    public const string CondaNotFound = "M1E050";
    public const string WrongArchitecture = "M1E051";
    public const string MiniforgeDownloadFailed = "M1E052";
    public const string MiniforgeHashMismatch = "M1E053";
    public const string MiniforgeInstallFailed = "M1E054";
    public const string CondaPackagesNotFound = "M1E055";
    public const string CondaUnsatisfiable = "M1E056";
    public const string CondaChannelUnreachable = "M1E057";
    public const string CondaCommandFailed = "M1E058";
    public const string LockFileInvalid = "M1E060";
    public const string LockedModeMismatch = "M1E061";
    public const string LockHashMismatch = "M1E062";
    public const string LockMissingPlatform = "M1E063";
    public const string PlatformNotLocked = "M1E064";
    public const string VerifyFailed = "M1E070";
    public const string NoAcceleratorWorks = "M1E071";
    public const string KnownBadCombination = "M1E080";
    public const string CommandNotFound = "M1E090";
    public const string InvalidCommandLine = "M1E091";
    public const string UnexpectedFailure = "M1E092";
    public const string EnvNotMade = "M1E093";
    public const string ManagedPythonDownloadFailed = "M1E100";
    public const string ManagedPythonHashMismatch = "M1E101";
    public const string ManagedPythonInstallFailed = "M1E102";
    public const string ManagedPythonUnavailable = "M1E103";
    public const string PublishUnsupported = "M1E110";
    public const string PublishFailed = "M1E111";
}
