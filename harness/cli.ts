import './commands/check';
