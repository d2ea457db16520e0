// Package httpxtest sets up the real PatentBridge services over a throwaway
// SQLite store for testing the HTTP layers: accounts, patents, screening runs
// and the search service, plus sample patents and thin recorders of what a page
// or the API asked for.
package httpxtest
