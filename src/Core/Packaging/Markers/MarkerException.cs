namespace M1Env.Core.Packaging.Markers;

/// <summary>A marker that cannot be parsed or evaluated; callers turn it into a coded error naming where the marker came from.</summary>
public sealed class MarkerException(string message) : Exception(message);
