-- AlterEnum
ALTER TYPE "DecisionKind" ADD VALUE 'renew';
