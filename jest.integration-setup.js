require('reflect-metadata');
// Integration specs talk to a real broker and database; group joins and migrations take seconds.
jest.setTimeout(120000);
