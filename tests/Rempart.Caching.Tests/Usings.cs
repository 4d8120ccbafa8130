global using Microsoft.Extensions.Time.Testing;
global using Rempart.Caching.Http;
global using Rempart.Caching.Storage;
global using Xunit;
