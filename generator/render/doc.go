// Package render turns the model into a project's files, in memory. It is
// pure: it reads templates and the runtime's source from the file systems it
// is given and never touches the project directory.
package render
