// A user's package imports TextpipeKit alone and gets the stage protocol and document types.
@_exported import TextpipeCore
