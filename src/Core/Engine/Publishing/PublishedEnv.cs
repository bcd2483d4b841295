namespace M1Env.Core.Engine.Publishing;

/// <summary>An env laid out in a publish folder.</summary>
/// <param name="Folder">The published Python's home: <c>PUBLISHDIR/python/NAME</c>.</param>
/// <param name="Python">Its interpreter.</param>
/// <param name="Reused">True when the folder already held the same build and lock, and nothing was written.</param>
public sealed record PublishedEnv(string Name, string Folder, string Python, bool Reused);
